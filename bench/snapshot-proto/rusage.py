# Runs a command and prints its resource use from wait4(2): peak RSS (KB), minor faults, and CPU
# time (user + system, ms, to the microsecond: /usr/bin/time's is to 10 ms). Used by wall.mjs.
#   python3 rusage.py cmd...   (the command's output is discarded)
import os, sys
pid = os.fork()
if pid == 0:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit(f"{sys.argv[1:]} exited {os.waitstatus_to_exitcode(status)}")
print(usage.ru_maxrss, usage.ru_minflt, round((usage.ru_utime + usage.ru_stime) * 1000, 2))
