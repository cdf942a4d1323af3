"""Run every benchmark in this folder, one after another (`make benchmark`).

The catalog benchmark needs PostgreSQL on 127.0.0.1:5432 (it creates its own database); the quote benchmark
needs nothing. Extra arguments go to neither: run a script directly to change its options.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["quote_bench.py", "catalog_bench.py"]


def main() -> int:
    failed = []
    for name in SCRIPTS:
        script = HERE / name
        if not script.exists():
            continue
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, str(script)], check=False).returncode:
            failed.append(name)
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
