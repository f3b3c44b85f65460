"""Flat combining: concurrent callers share one call, in arrival order (no database)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from shuxiang.readers import combining


def _until(condition, what: str) -> None:
    """Poll ``condition`` (another thread's progress) for up to 10 s; fail the test after that."""
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.001)


def _held_batches(group_size: int, max_items: int = 64, max_leaders: int = 1, fail_when=lambda b: False):
    """Submit ``group_size`` items from threads while the first ``max_leaders`` batches are held.

    The first callers each lead a batch of one and hold it until every other caller has
    queued, so what follows is everyone else, in the order they queued. Returns the batches
    ``run`` saw, what each caller got back (or the error it raised), and the group.
    """
    batches: list[list[int]] = []
    release = threading.Event()

    def run(batch):
        batches.append(list(batch))
        if len(batches) <= max_leaders:
            assert release.wait(timeout=10)
        if fail_when(batch):
            raise RuntimeError(f"batch {batch} failed")
        return [f"done {item}" for item in batch]

    group = combining.GroupInsert(run, max_items=max_items, max_leaders=max_leaders)
    outcomes: dict[int, object] = {}

    def call(item: int) -> None:
        try:
            outcomes[item] = group.submit(item)
        except RuntimeError as exc:
            outcomes[item] = exc

    threads = []
    for item in range(group_size):  # one after the other: a known arrival order
        thread = threading.Thread(target=call, args=(item,))
        thread.start()
        threads.append(thread)
        if item < max_leaders:
            _until(lambda n=item: len(batches) == n + 1, f"caller {item} leads")
        else:
            _until(lambda n=item: group.queued() == n + 1 - max_leaders, f"caller {item} queued")
    release.set()
    for thread in threads:
        thread.join(timeout=10)
        assert not thread.is_alive()
    return batches, outcomes, group


def test_callers_arriving_while_a_batch_runs_go_together_in_the_next_batch_in_arrival_order():
    batches, outcomes, group = _held_batches(6)
    assert batches == [[0], [1, 2, 3, 4, 5]]
    assert outcomes == {n: f"done {n}" for n in range(6)}
    assert group.leading() == 0 and group.queued() == 0


def test_a_batch_takes_at_most_max_items_and_the_rest_follow_in_order():
    batches, outcomes, _group = _held_batches(8, max_items=3)
    assert batches == [[0], [1, 2, 3], [4, 5, 6], [7]]
    assert outcomes == {n: f"done {n}" for n in range(8)}


def test_two_leaders_run_two_batches_at_once_and_then_the_queue_goes_as_one_batch():
    batches, outcomes, group = _held_batches(7, max_leaders=2)
    assert batches == [[0], [1], [2, 3, 4, 5, 6]]
    assert outcomes == {n: f"done {n}" for n in range(7)}
    assert group.leading() == 0 and group.queued() == 0  # the lead was handed on once, not twice


def test_when_a_batch_fails_each_of_its_callers_runs_its_own_item_alone():
    batches, outcomes, _group = _held_batches(4, fail_when=lambda batch: len(batch) > 1 or batch == [2])
    assert batches[:2] == [[0], [1, 2, 3]]
    assert sorted(batches[2:]) == [[1], [2], [3]]  # each caller retries alone
    assert outcomes[0] == "done 0" and outcomes[1] == "done 1" and outcomes[3] == "done 3"
    assert isinstance(outcomes[2], RuntimeError)  # only the item that fails alone raises


def test_one_caller_alone_runs_its_item_at_once_as_a_batch_of_one():
    group = combining.GroupInsert(lambda batch: [item * 2 for item in batch])
    assert [group.submit(n) for n in (1, 2, 3)] == [2, 4, 6]
    assert group.queued() == 0 and group.leading() == 0


def test_many_callers_with_uneven_batch_times_all_get_their_own_result_and_no_lead_is_lost():
    def run(batch):
        time.sleep(0.0005 * (sum(batch) % 3))
        return [item + 1000 for item in batch]

    group = combining.GroupInsert(run, max_items=5, max_leaders=2)
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(group.submit, range(2000)))
    assert results == [n + 1000 for n in range(2000)]
    assert group.leading() == 0 and group.queued() == 0
