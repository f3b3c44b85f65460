"""The sign-up rush over real HTTP: 10,000 readers, 100 seats, gunicorn + PostgreSQL, wrk.

Steps (every one bounded in time; traffic only to 127.0.0.1):
1. create a fresh PostgreSQL database, migrate it, seed 10,000 readers and three 100-seat
   sessions: the rush's, a warm-up one, and pgbench's;
2. start the app under gunicorn on a free loopback port, as production would run it on this
   2-core machine: gthread workers, one process a core, 8 threads each (a sign-up mostly waits
   for PostgreSQL's commit; threads overlap those waits), HTTP keep-alive; persistent database
   connections (SHUXIANG_DB_CONN_MAX_AGE); DEBUG off; errors-only logging;
3. warm up both targets with the same wrk settings as the measured runs: the trivial view, and
   2,000 sign-ups on the warm-up session (every worker thread gets its database connection,
   prepared statement, imports and URL caches before anything is timed);
4. the rush: 10,000 POSTs to the token sign-up endpoint, each from a distinct reader
   (``X-Reader-Token``: no session row, no CSRF), in 5 bursts of 2,000 (the first fills the 100
   seats); wrk + Lua, each wrk thread stopping at its quota;
5. the ceiling: the same wrk settings and burst size against a trivial view of the same app
   (``/readers/t/ping/``, the same middleware stack), once before each burst and once after the
   last. Alternating lets both rates see the same drift of load from elsewhere on the machine;
   rates are requests over the summed burst durations;
6. pgbench (``-M prepared``, as the app) running the sign-up's own statements on the third
   session: the full-session INSERT is generated from ``waitlist.waiting_insert_sql`` (the very
   statement the view runs, for one reader), the first 100 take the seat-claiming transaction;
7. confirmed / waiting / overbooked read back from the database, one ``BENCH {json}`` line
   printed (with each burst's rate, each ceiling run's, the load averages, and the CPU per
   request of each kind of run split into server, PostgreSQL and the whole machine).

Environment: SHUXIANG_BENCH_PG (default postgres://postgres@127.0.0.1:5432), SHUXIANG_BENCH_WORKERS,
SHUXIANG_BENCH_THREADS, SHUXIANG_BENCH_WORKER_CLASS, SHUXIANG_BENCH_CONNECTIONS, SHUXIANG_BENCH_KEEP_DB.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG = os.environ.get("SHUXIANG_BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB_NAME = "shuxiang_bench_signup"
READERS = 10_000
WARM_UP = 2_000  # sign-ups (and pings) per warm-up run
CHUNKS = 5  # the rush's bursts, each between two runs of the ceiling
CAPACITY = 100
WORKER_CLASS = os.environ.get("SHUXIANG_BENCH_WORKER_CLASS", "gthread")
WORKERS = int(os.environ.get("SHUXIANG_BENCH_WORKERS", "2"))
SERVER_THREADS = int(os.environ.get("SHUXIANG_BENCH_THREADS", "8"))
THREADS = 2  # wrk threads
CONNECTIONS = int(os.environ.get("SHUXIANG_BENCH_CONNECTIONS", "32"))
TIME_LIMIT = 180  # seconds, per wrk or pgbench run
TOTAL_LIMIT = 900  # seconds for the whole benchmark, set-up included

LUA = r"""
-- One request per reader token; every wrk thread takes its own slice and stops at its quota.
-- Time is taken with clock_gettime (LuaJIT ffi): wrk's own duration is always the full -d.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000000 + math.floor(tonumber(ts.tv_nsec) / 1000)
end

local mode = os.getenv("BENCH_MODE")
local path = os.getenv("BENCH_PATH")
local token_file = os.getenv("BENCH_TOKENS")
local done_dir = os.getenv("BENCH_DONE_DIR")
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  local n = 0
  local nthreads = tonumber(os.getenv("BENCH_THREADS"))
  for line in io.lines(token_file) do
    n = n + 1
    if (n - 1) % nthreads == tid - 1 then table.insert(tokens, line) end
  end
  quota = #tokens
  issued = 0
  done_count = 0
  ok = 0
  bad = 0
  first_us = 0
  last_us = 0
end

function request()
  if issued == 0 then first_us = now_us() end
  issued = issued + 1
  local token = tokens[((issued - 1) % quota) + 1]  -- past the quota: a retry (idempotent), abandoned
  if mode == "signup" then
    return wrk.format("POST", path, {["X-Reader-Token"] = token, ["Content-Length"] = "0"}, "")
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  done_count = done_count + 1
  if done_count <= quota then
    if status == 200 or status == 201 then ok = ok + 1 else bad = bad + 1 end
  end
  if done_count == quota then
    last_us = now_us()
    local f = io.open(done_dir .. "/" .. tid, "w")
    f:write(tostring(last_us))
    f:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local ok_total, bad_total, first, last = 0, 0, nil, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + t:get("ok")
    bad_total = bad_total + t:get("bad")
    local f, l = t:get("first_us"), t:get("last_us")
    if first == nil or f < first then first = f end
    if l > last then last = l end
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "ok": %d, "bad": %d, "errors": %d, ' ..
    '"p50_us": %d, "p99_us": %d}\n',
    ok_total + bad_total, last - first, ok_total, bad_total,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))
end
"""

# The sign-up's own statements, per reader :n of session :sid. The full-session case (9,900 of
# the 10,000) is the waiting insert that ``sign_up_with_token`` runs, made by
# ``waitlist.waiting_insert_sql`` itself for one row (filled in by ``pgbench_script``; wrapped
# in a CTE only so that pgbench can branch on whether it inserted), then the re-read of
# ``full`` after commit. pgbench runs it one reader per transaction: the app's group commit
# puts several concurrent readers in one statement, so this is the rate without that help.
# When it inserts nothing (seats still free) the general path's statements follow: session
# and reader loads, the active-registration check, the seat-claiming transaction, and for a
# waiting outcome the re-read of ``full`` and the promotion's lock that sets it.
PGBENCH_TEMPLATE = r"""
SELECT nextval('bench_pgbench_n') AS n \gset
WITH ins AS ({fast_insert}) SELECT count(*) AS inserted FROM ins \gset
\if :inserted = 0
SELECT s.id, s.activity_id, s.library_id, s.starts_at, a.status, a.signup_open, a.visibility,
       st.capacity, st."full"
  FROM activities_session s JOIN activities_activity a ON a.id = s.activity_id
  LEFT JOIN readers_seating st ON st.session_id = s.id WHERE s.id = :sid AND a.visibility = 'public';
SELECT id AS rid FROM readers_reader WHERE access_token = 'bench-' || :n \gset
SELECT s.activity_id, s.library_id FROM activities_session s WHERE s.id = :sid \gset
SELECT id FROM readers_registration
 WHERE session_id = :sid AND reader_id = :rid AND status IN ('confirmed', 'waiting') ORDER BY id LIMIT 1;
BEGIN;
SELECT coalesce((SELECT id FROM readers_seat WHERE session_id = :sid AND registration_id IS NULL
                 ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED), 0) AS seat \gset
\if :seat > 0
INSERT INTO readers_registration (session_id, activity_id, library_id, reader_id, places, status, channel,
    token, token_version, walk_in_name, created_at, confirmed_at, anonymised)
  VALUES (:sid, :activity_id, :library_id, :rid, 1, 'confirmed', 'api', md5(random()::text), 1, '',
          now(), now(), false) RETURNING id AS reg \gset
UPDATE readers_seat SET registration_id = :reg WHERE id = :seat;
COMMIT;
\else
INSERT INTO readers_registration (session_id, activity_id, library_id, reader_id, places, status, channel,
    token, token_version, walk_in_name, created_at, anonymised)
  VALUES (:sid, :activity_id, :library_id, :rid, 1, 'waiting', 'api', md5(random()::text), 1, '',
          now(), false);
COMMIT;
SELECT EXISTS (SELECT 1 FROM readers_seating WHERE session_id = :sid AND "full") AS now_full;
BEGIN;
SELECT "full" FROM readers_seating WHERE session_id = :sid FOR UPDATE;
UPDATE readers_seating SET "full" = true WHERE session_id = :sid AND NOT "full"
   AND NOT EXISTS (SELECT 1 FROM readers_seat WHERE session_id = :sid AND registration_id IS NULL);
COMMIT;
\endif
\else
SELECT session_id FROM readers_seating WHERE session_id IN (:sid) AND NOT "full";
\endif
"""


def pgbench_script() -> str:
    """PGBENCH_TEMPLATE with the service's own waiting insert for one reader (needs Django set up)."""
    from shuxiang.readers.waitlist import waiting_insert_sql

    values = iter(
        (
            ":sid",  # session
            "'bench-' || :n",  # the reader's access token
            "md5(random()::text)",  # the registration's ticket token
            "'api'",  # channel
            "NULL",  # created_by_id
            "now()",  # created_at
            "false",  # anonymised
            "now()",  # the session starts later than now
        )
    )
    fast = re.sub("%s", lambda _m: next(values), waiting_insert_sql("access_token", 1))
    assert next(values, None) is None, "the service's statement changed its parameters"
    return PGBENCH_TEMPLATE.replace("{fast_insert}", fast)


def _env(db_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHUXIANG_")}
    env |= {
        "SHUXIANG_DATABASE_URL": db_url,
        "SHUXIANG_DB_CONN_MAX_AGE": "600",
        "SHUXIANG_DEBUG": "0",
        "SHUXIANG_SECRET_KEY": secrets.token_urlsafe(50),  # serving with DEBUG off needs one
        "SHUXIANG_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SHUXIANG_LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "shuxiang.settings",
        "PYTHONPATH": str(ROOT),
    }
    return env


def _psql(sql: str, dbname: str = "postgres", **variables: int | str) -> str:
    """Run ``sql`` through psql; ``:name`` variables are passed as psql variables, never formatted in."""
    args = ["psql", f"{PG}/{dbname}", "-X", "-v", "ON_ERROR_STOP=1", "-Atq"]
    for name, value in variables.items():
        args += ["-v", f"{name}={value}"]
    out = subprocess.run(args, input=sql, check=True, capture_output=True, text=True, timeout=120)
    return out.stdout.strip()


def seed() -> None:
    """Run in a subprocess with the bench database configured: readers, activity, two sessions."""
    import datetime as dt

    import django

    django.setup()
    from django.utils import timezone

    from shuxiang.activities.models import Activity, Session
    from shuxiang.campaigns.models import Campaign, Participation
    from shuxiang.orgs.models import Organisation
    from shuxiang.readers import services
    from shuxiang.readers.models import Reader

    bureau = Organisation.objects.create(name="压测文化局", kind=Organisation.Kind.BUREAU)
    library = Organisation.objects.create(name="压测图书馆", kind=Organisation.Kind.LIBRARY, parent=bureau)
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name="图书馆服务宣传周", issuer=bureau, start_date=today, end_date=today + dt.timedelta(days=7)
    )
    Participation.objects.create(campaign=campaign, library=library)
    activity = Activity.objects.create(
        campaign=campaign,
        library=library,
        kind="reading_event",
        title="少儿3D电影专场",
        start_date=today + dt.timedelta(days=1),
        capacity=CAPACITY,
        signup_open=True,
    )
    tomorrow = timezone.now() + dt.timedelta(days=1)
    sessions = []
    for offset in (0, 2, 4):  # the HTTP rush, the warm-up, and pgbench's own session
        session = Session.objects.create(
            activity=activity,
            library=library,
            starts_at=tomorrow + dt.timedelta(hours=offset),
            capacity=CAPACITY,
        )
        services.ensure_seating(session)
        sessions.append(session)
    Reader.objects.bulk_create(
        (
            Reader(
                name=f"读者{i}",
                phone=f"138{i:08d}",
                age_group=Reader.AgeGroup.ADULT,
                home_library=library,
                access_token=f"bench-{i}",
            )
            for i in range(1, READERS + 1)
        ),
        batch_size=2000,
    )
    ids = {"session": sessions[0].pk, "warm_up_session": sessions[1].pk, "pgbench_session": sessions[2].pk}
    print(json.dumps(ids | {"pgbench_script": pgbench_script()}))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url}")


def _log(message: str, started: float) -> None:
    print(f"bench_signup: {message} ({time.monotonic() - started:.1f}s)", file=sys.stderr, flush=True)


def _cpu_seconds(server_pid: int) -> dict[str, float]:
    """CPU time used so far (user + system): the server (gunicorn and its workers), PostgreSQL's
    processes, and the whole machine (``/proc/stat``, every process: wrk and PostgreSQL included).

    Read around each wrk run, so that a run's cost per request can be split into who spent it.
    The database connections are persistent, so no PostgreSQL backend exits inside a run.
    """
    tick = os.sysconf("SC_CLK_TCK")
    spent = {"server": 0.0, "postgres": 0.0}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            comm, rest = Path(entry.path, "stat").read_text().rsplit(")", 1)
        except OSError:  # the process ended meanwhile
            continue
        fields = rest.split()
        pid, ppid, cpu = int(entry.name), int(fields[1]), (int(fields[11]) + int(fields[12])) / tick
        if pid == server_pid or ppid == server_pid:
            spent["server"] += cpu
        elif comm.endswith("(postgres"):
            spent["postgres"] += cpu
    with open("/proc/stat") as stat:
        user, nice, system, _idle, _iowait, *rest = (int(x) for x in stat.readline().split()[1:])
    spent["machine"] = (user + nice + system + sum(rest)) / tick
    return spent


def _wrk(base: str, path: str, mode: str, tokens: Path, script: Path, server_pid: int) -> dict:
    """One request per line of ``tokens``; stopped (SIGINT, so it still reports) once every thread is done."""
    done_dir = Path(tempfile.mkdtemp(prefix="wrk-done-", dir=script.parent))
    env = os.environ | {
        "BENCH_MODE": mode,
        "BENCH_PATH": path,
        "BENCH_TOKENS": str(tokens),
        "BENCH_DONE_DIR": str(done_dir),
        "BENCH_THREADS": str(THREADS),
    }
    args = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{TIME_LIMIT}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
    ]
    cpu_before = _cpu_seconds(server_pid)
    proc = subprocess.Popen([*args, base], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + TIME_LIMIT + 5
    while proc.poll() is None and time.monotonic() < deadline:
        if len(list(done_dir.iterdir())) >= THREADS:
            proc.send_signal(signal.SIGINT)
            break
        time.sleep(0.05)
    try:
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    match = re.search(r"WRKJSON (\{.*\})", out)
    if not match:
        raise RuntimeError(f"wrk said: {out}\n{err}")
    result = json.loads(match.group(1))
    cpu_after = _cpu_seconds(server_pid)
    result["cpu_s"] = {who: cpu_after[who] - cpu_before[who] for who in cpu_after}
    if len(list(done_dir.iterdir())) < THREADS:
        result["duration_us"] = TIME_LIMIT * 1_000_000  # hit the time limit: rate over the whole limit
    return result


def _pgbench(db_url: str, session_id: int, sql: str, workdir: Path) -> float:
    script = workdir / "signup.sql"
    script.write_text(sql)
    reader_count = READERS
    clients = 8
    out = subprocess.run(
        [
            "pgbench",
            "-n",
            "-M",
            "prepared",  # as the app runs its waiting insert (readers.prepared.fetch)
            "-c",
            str(clients),
            "-j",
            "2",
            "-t",
            str(reader_count // clients),
            "-D",
            f"sid={session_id}",
            "-f",
            str(script),
            db_url,
        ],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
    )
    match = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out.stdout)
    if out.returncode != 0 or not match:
        raise RuntimeError(f"pgbench failed: {out.stdout}\n{out.stderr}")
    return float(match.group(1))


def _outcome(db_url: str, session_id: int) -> dict[str, int]:
    row = _psql(
        "SELECT coalesce(sum(places) FILTER (WHERE status = 'confirmed'), 0),"
        " count(*) FILTER (WHERE status = 'waiting'),"
        " count(*) - count(DISTINCT reader_id),"
        " (SELECT count(*) FROM readers_seat WHERE session_id = :s AND registration_id IS NOT NULL)"
        " FROM readers_registration WHERE session_id = :s;",
        DB_NAME,
        s=int(session_id),
    )
    confirmed, waiting, duplicates, seats_taken = (int(x) for x in row.split("|"))
    return {
        "confirmed": confirmed,
        "waiting": waiting,
        "duplicates": duplicates,
        "seats_taken": seats_taken,
        "overbooked": max(0, confirmed - CAPACITY),
    }


def _server_args(port: int) -> list[str]:
    """gunicorn as production runs it here: the same for the ceiling and the rush."""
    args = ["--bind", f"127.0.0.1:{port}", "--worker-class", WORKER_CLASS, "--workers", str(WORKERS)]
    if WORKER_CLASS == "gthread":
        args += ["--threads", str(SERVER_THREADS)]
    # A listening socket per worker (SO_REUSEPORT): the kernel spreads connections over the
    # workers. With one shared socket, whichever worker wakes first takes a connection, and a
    # keep-alive connection stays with it: runs where most of wrk's connections landed on one
    # worker measured one core (ping 1,409-5,260/s from run to run, docs/readers.md).
    args.append("--reuse-port")
    return [*args, "--backlog", "2048", "--log-level", "warning"]


def _rate(run: dict) -> float:
    return run["requests"] / (run["duration_us"] / 1e6)


def _cpu_per_request(runs: list[dict]) -> dict[str, int]:
    requests = sum(r["requests"] for r in runs)
    return {who: round(sum(r["cpu_s"][who] for r in runs) / requests * 1e6) for who in runs[0]["cpu_s"]}


def _cores_busy(runs: list[dict]) -> float:
    """The machine's CPU time over the runs' wall time: 2.0 is both cores busy all along."""
    return round(sum(r["cpu_s"]["machine"] for r in runs) / (sum(r["duration_us"] for r in runs) / 1e6), 2)


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def main() -> None:
    for tool in ("wrk", "pgbench", "psql"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is missing (deps/apt.txt lists wrk and postgresql-client)")
    started = time.monotonic()

    def check_budget(step: str) -> None:
        if time.monotonic() - started > TOTAL_LIMIT:
            raise RuntimeError(f"over the {TOTAL_LIMIT} s budget before {step}")

    db_url = f"{PG}/{DB_NAME}"
    env = _env(db_url)
    _psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE);')
    _psql(f'CREATE DATABASE "{DB_NAME}";')
    subprocess.run(
        [str(BIN / "python"), "-m", "shuxiang.cli", "migrate", "--noinput", "-v", "0"],
        env=env,
        check=True,
        timeout=300,
        cwd=ROOT,
    )
    seeded = subprocess.run(
        [str(BIN / "python"), "-c", "from bench.bench_signup import seed; seed()"],
        env=env,
        check=True,
        timeout=300,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    ids = json.loads(seeded.stdout.strip().splitlines()[-1])
    _psql("CREATE SEQUENCE bench_pgbench_n; ANALYZE;", DB_NAME)
    _log("database migrated and seeded", started)

    with tempfile.TemporaryDirectory(prefix="bench-signup-") as tmp:
        workdir = Path(tmp)
        size = READERS // CHUNKS
        chunks = []
        for n in range(CHUNKS):  # every reader once, in order, CHUNKS files
            chunk = workdir / f"tokens-{n}.txt"
            chunk.write_text("".join(f"bench-{i}\n" for i in range(n * size + 1, (n + 1) * size + 1)))
            chunks.append(chunk)
        warm_tokens = workdir / "warm-up-tokens.txt"
        warm_tokens.write_text("".join(f"bench-{i}\n" for i in range(1, WARM_UP + 1)))
        script = workdir / "rush.lua"
        script.write_text(LUA)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        ping = "/readers/t/ping/"
        gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "shuxiang.wsgi:application", *_server_args(port)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(workdir / "gunicorn.log", "w"),  # noqa: SIM115 - closed with the process
        )
        try:
            _wait_up(f"{base}{ping}", time.monotonic() + 60)
            # Warm-up, not counted: both targets, the same wrk settings as the measured runs.
            warm_ping = _wrk(base, ping, "ping", warm_tokens, script, gunicorn.pid)
            warm_signup = _wrk(
                base,
                f"/readers/t/sessions/{ids['warm_up_session']}/signup/",
                "signup",
                warm_tokens,
                script,
                gunicorn.pid,
            )
            _log(f"warm-up done: ping {_rate(warm_ping):.0f}/s, sign-up {_rate(warm_signup):.0f}/s", started)
            # The rush in CHUNKS bursts of equal size (the first one fills the seats), each
            # between two runs of the ceiling of the same size: load from elsewhere on the
            # machine drifts over seconds, and alternating lets both rates see the same drift.
            pings: list[dict] = []
            rush_runs: list[dict] = []
            loads: list[float] = []
            signup_path = f"/readers/t/sessions/{ids['session']}/signup/"
            for chunk in [*chunks, None]:
                check_budget("the next measured run")
                pings.append(_wrk(base, ping, "ping", chunks[0], script, gunicorn.pid))
                if chunk is not None:
                    rush_runs.append(_wrk(base, signup_path, "signup", chunk, script, gunicorn.pid))
                loads.append(_load())
                _log(
                    f"ceiling {_rate(pings[-1]):.0f}/s"
                    + (f", rush {_rate(rush_runs[-1]):.0f}/s" if chunk is not None else "")
                    + f", load {loads[-1]}",
                    started,
                )
        finally:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        check_budget("pgbench")
        raw_tps = _pgbench(db_url, ids["pgbench_session"], ids["pgbench_script"], workdir)
        _log(f"pgbench done: {raw_tps} tps", started)
        outcome = _outcome(db_url, ids["session"])
        pgbench_outcome = _outcome(db_url, ids["pgbench_session"])

    rush = {
        "requests": sum(r["requests"] for r in rush_runs),
        "ok": sum(r["ok"] for r in rush_runs),
        "bad": sum(r["bad"] for r in rush_runs),
        "errors": sum(r["errors"] for r in rush_runs),
    }
    rps = rush["requests"] / (sum(r["duration_us"] for r in rush_runs) / 1e6)
    ceiling_rps = sum(c["requests"] for c in pings) / (sum(c["duration_us"] for c in pings) / 1e6)
    errors = rush["errors"] + rush["bad"] + (READERS - rush["ok"]) + outcome["duplicates"]
    result = {
        "name": "signup_rush",
        "requests": rush["requests"],
        "capacity": CAPACITY,
        "confirmed": outcome["confirmed"],
        "waiting": outcome["waiting"],
        "overbooked": outcome["overbooked"],
        "errors": errors,
        "rps": round(rps, 1),
        # latency: the median of the bursts' medians, the worst of their 99th percentiles
        "p50_ms": round(statistics.median(r["p50_us"] for r in rush_runs) / 1000, 2),
        "p99_ms": round(max(r["p99_us"] for r in rush_runs) / 1000, 2),
        "ceiling_rps": round(ceiling_rps, 1),
        "ratio_to_ceiling": round(rps / ceiling_rps, 3),
        "raw_sql_tps": round(raw_tps, 1),
        # context for reading the numbers: each burst's rate and the ceiling runs around them,
        # the machine's 1-minute load average after each pair, the server both targets ran under
        "rush_bursts_rps": [round(_rate(r)) for r in rush_runs],
        "ceiling_runs_rps": [round(_rate(c)) for c in pings],
        # each burst against the mean of the ceiling runs just before and after it
        "burst_ratios": [
            round(_rate(r) / ((_rate(before) + _rate(after)) / 2), 3)
            for r, before, after in zip(rush_runs, pings, pings[1:], strict=False)
        ],
        "load_avg": loads,
        # CPU per request, by who spent it (server, PostgreSQL, the whole machine with wrk),
        # and how busy the machine's cores were during each kind of run
        "cpu_us_per_request": {"ping": _cpu_per_request(pings), "signup": _cpu_per_request(rush_runs)},
        "cores_busy": {"ping": _cores_busy(pings), "signup": _cores_busy(rush_runs)},
        "server": f"gunicorn {WORKER_CLASS} workers={WORKERS}"
        + (f" threads={SERVER_THREADS}" if WORKER_CLASS == "gthread" else ""),
        "wrk": f"-t{THREADS} -c{CONNECTIONS}",
    }
    if pgbench_outcome["overbooked"] or pgbench_outcome["confirmed"] != CAPACITY:
        print(f"BENCH-NOTE pgbench session outcome: {pgbench_outcome}", file=sys.stderr)
    print("BENCH " + json.dumps(result))
    if not os.environ.get("SHUXIANG_BENCH_KEEP_DB"):
        _psql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE);')


if __name__ == "__main__":
    main()
