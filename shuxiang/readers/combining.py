"""Flat combining: concurrent callers of one function share one call of it.

``GroupInsert`` knows nothing of databases: ``waitlist.py`` gives it the waiting insert, so
concurrent sign-ups on a full session share one statement and one commit. Kept apart so
the combining (queue, lead, hand-over, failure) can be read and tested on its own.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence

MAX_ITEMS = 64  # items per call: bounds one leader's work (and the statements prepared per connection)
# Calls in flight: two let one batch be built and sent while another waits for its commit
# (measured with `make bench`: docs/readers.md).
MAX_LEADERS = 2


class GroupInsert:
    """Leader/follower batching of calls to ``run`` (flat combining).

    ``submit`` queues an item. While fewer than ``max_leaders`` batches are running, the
    caller leads: it takes up to ``max_items`` queued items (its own among them, unless a
    concurrent leader already took it), calls ``run`` once on its own thread and hands
    each caller its result. A leader that finds work still queued when it is done hands
    the lead to the oldest queued caller. If ``run`` raises, every caller of that batch
    runs its own item alone, so each sees its own result or its own error. More than one
    leader lets a batch be built and sent while another waits for its commit.
    """

    def __init__(
        self,
        run: Callable[[Sequence[object]], list[object]],
        max_items: int = MAX_ITEMS,
        max_leaders: int = MAX_LEADERS,
    ) -> None:
        self._run = run
        self._max_items = max_items
        self._max_leaders = max_leaders
        self._lock = threading.Lock()
        self._queue: list[_Slot] = []
        self._leaders = 0

    def queued(self) -> int:
        """How many items wait for a leader (running batches not included).

        Read by a running batch to know whether another batch will start after it.
        """
        with self._lock:
            return len(self._queue)

    def leading(self) -> int:
        """How many callers hold a turn to lead (running a batch, or about to)."""
        with self._lock:
            return self._leaders

    def submit(self, item: object) -> object:
        slot = _Slot(item)
        with self._lock:
            self._queue.append(slot)
            if self._leaders < self._max_leaders:
                self._leaders += 1
                slot.leads = True
        led = False
        while True:
            if slot.leads and not led:  # our turn to lead: taken exactly once
                led = True
                self._lead()
            if slot.done:
                break
            slot.wake.get()  # woken when our batch is done, or to hand us the lead
        if slot.failed:
            return self._run([item])[0]
        return slot.result

    def _lead(self) -> None:
        """Run one batch from the head of the queue, then pass the lead on (or give it up)."""
        with self._lock:
            batch, self._queue = self._queue[: self._max_items], self._queue[self._max_items :]
            if not batch:  # a concurrent leader took our item: nothing left to lead
                self._leaders -= 1
                return
        try:
            results = self._run([s.item for s in batch])
            for s, result in zip(batch, results, strict=True):
                s.result = result
        except BaseException:
            for s in batch:
                s.failed = True
        finally:
            with self._lock:
                # The oldest queued caller not already given a lead (each gets it at most once,
                # so the count of leaders stays exact).
                successor = next((s for s in self._queue if not s.leads), None)
                if successor is None:
                    self._leaders -= 1
                else:
                    successor.leads = True
            for s in batch:
                s.done = True
                s.wake.put(None)
            if successor is not None:
                successor.wake.put(None)


class _Slot:
    __slots__ = ("done", "failed", "item", "leads", "result", "wake")

    def __init__(self, item: object) -> None:
        self.item = item
        # A caller may be woken twice (handed the lead, then its batch done by another
        # leader): a queue counts wake-ups, and its get() blocks in C (a Semaphore would run
        # Python's Condition code on both sides of every wake-up).
        self.wake: queue.SimpleQueue[None] = queue.SimpleQueue()
        self.leads = False  # given a turn to lead (at submit, or handed on by a leader)
        self.done = False
        self.failed = False
        self.result: object = None
