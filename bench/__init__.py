"""Benchmarks: `make bench` runs every ``bench/bench_*.py`` module's ``main()``.

Each prints one line ``BENCH {json}`` per measurement. Numbers are medians of
repeated runs in one process; compare ratios from the same run, not across machines.
"""
