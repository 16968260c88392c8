"""`make bench`: every speed figure beside its floor measured in the same run; the exit code is
non-zero when any figure is over its budget (each script says which), or a script fails."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    print(f"Machine: {machine()}\n")
    failed = []
    for script in ("bench_startup.py", "bench_exam.py", "bench_analytics.py", "bench_class_load.py"):
        print(f"== {script}", flush=True)
        if subprocess.call([sys.executable, str(HERE / script)], env=dict(os.environ, QT_QPA_PLATFORM="offscreen")):
            failed.append(script)
        print(flush=True)
    if failed:
        print(f"over budget or failed: {', '.join(failed)}")
        return 1
    print("every figure within its budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
