"""duplicate-item on the whole MMLU corpus (15,906 items, ../shared/corpora/mmlu):
the checks of tests/test_duplicate_item_mmlu.py, which the test suite runs
on the sample vendored under tests/data/mmlu.

    python benchmarks/mmlu_duplicates.py        # exit status of pytest
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MMLU = REPO.parent / "shared" / "corpora" / "mmlu"


def main() -> int:
    if not (MMLU / "KNOWN_DUPLICATES.tsv").is_file():
        print(f"no MMLU corpus at {MMLU}", file=sys.stderr)
        return 2
    env = dict(os.environ, QB_MMLU=str(MMLU))
    return subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            str(REPO / "tests" / "test_duplicate_item_mmlu.py")], cwd=REPO, env=env)


if __name__ == "__main__":
    sys.exit(main())
