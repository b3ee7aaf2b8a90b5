#!/usr/bin/env python3
"""timeit.py - run a command N times; print the best wall time and its CPU time.

    python3 bench/timeit.py RUNS CMD [ARG...]

Prints one line, "WALL CPU", in seconds, for the run with the shortest wall
time: CPU is the user + system time of that run's process and its threads.
The command's standard output goes to /dev/null. Exits with the command's
status if it fails. CPU time is the figure to trust on a busy machine: wall
time then includes waiting for a core, CPU time does not.
"""
import os
import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    runs = int(sys.argv[1])
    cmd = sys.argv[2:]
    best = None
    with open(os.devnull, "wb") as null:
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            rc = subprocess.call(cmd, stdout=null)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if rc != 0:
                print("timeit: %s exited with %d" % (cmd[0], rc), file=sys.stderr)
                return rc
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if best is None or wall < best[0]:
                best = (wall, cpu)
    print("%.6f %.6f" % best)
    return 0


if __name__ == "__main__":
    sys.exit(main())
