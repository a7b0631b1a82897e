#!/usr/bin/python3
"""Runs a command and appends its wall seconds, CPU seconds (user + system), peak RSS in KiB and exit
status as one line to RESULTS, to microsecond resolution (for scripts/bench.sh: /usr/bin/time rounds
to 10 ms, too coarse for the floor at 10,000 files). The command's output goes where this script's goes.
    scripts/bench_measure.py RESULTS COMMAND [ARG...]
"""
import os
import sys
import time

if len(sys.argv) < 3:
    sys.exit("用法：bench_measure.py 结果文件 命令 [参数…]")
results, command = sys.argv[1], sys.argv[2:]
start = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.monotonic() - start
code = os.waitstatus_to_exitcode(status)
with open(results, "a") as out:
    out.write(f"{wall:.4f} {usage.ru_utime + usage.ru_stime:.4f} {usage.ru_maxrss} {code}\n")
sys.exit(code)
