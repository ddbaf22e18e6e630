"""Run one command; print its wall time in seconds and the peak memory of its largest process.

    python benchmarks/measure.py COMMAND [ARG...]    # prints: SECONDS PEAK_BYTES

bench.py runs every measured command through this script, in a process of its own, because
the operating system reports peak memory only as the largest child a process has ever waited
for: one process per command makes that figure the command's own. The clock starts after this
script's own imports, so its start-up is not counted. Peak memory is 0 where Python has no
`resource` module (Windows).
"""

import subprocess
import sys
import time

try:
    import resource
except ImportError:
    resource = None


def main() -> int:
    start = time.perf_counter()
    result = subprocess.run(sys.argv[1:], capture_output=True, stdin=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.buffer.write(result.stdout + result.stderr)
        return result.returncode
    peak = 0
    if resource is not None:
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        peak *= 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    print(seconds, peak)
    return 0


if __name__ == "__main__":
    sys.exit(main())
