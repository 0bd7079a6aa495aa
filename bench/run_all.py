"""Run every benchmark script in bench/ and print their figures.

Benchmarks print their own numbers and ratios against a baseline measured in the
same run; nothing here asserts a time, so a slow machine never fails the suite.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv):
    scripts = sorted(
        p for p in HERE.glob("*.py") if p.name not in {"run_all.py", "harness.py", "__init__.py"}
    )
    selected = [p for p in scripts if not argv or p.stem in argv]
    status = 0
    for script in selected:
        print(f"\n=== {script.stem} ===", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        status = status or result.returncode
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
