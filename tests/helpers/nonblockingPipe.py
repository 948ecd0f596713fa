# Runs a command with its stdout a pipe made non-blocking (as another program may hand it over),
# reads nothing until the pipe is full, so the command's write meets EAGAIN, then reads it all and
# passes it on; exits with the command's code. Used by tests/cli/pipe.test.ts.
import array, fcntl, os, subprocess, sys, termios, time

F_GETPIPE_SZ = 1032
read_end, write_end = os.pipe()
fcntl.fcntl(write_end, fcntl.F_SETFL, fcntl.fcntl(write_end, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(sys.argv[1:], stdout=write_end)
os.close(write_end)
capacity = fcntl.fcntl(read_end, F_GETPIPE_SZ)
deadline = time.monotonic() + 60
full = False
while time.monotonic() < deadline and child.poll() is None:
    waiting = array.array('i', [0])
    fcntl.ioctl(read_end, termios.FIONREAD, waiting)
    if waiting[0] >= capacity:
        full = True
        break
    time.sleep(0.01)
chunks = []
while True:
    chunk = os.read(read_end, 1 << 16)
    if not chunk:
        break
    chunks.append(chunk)
sys.stdout.buffer.write(b''.join(chunks))
sys.stderr.write('pipe was full\n' if full else 'pipe was never full\n')
sys.exit(child.wait())
