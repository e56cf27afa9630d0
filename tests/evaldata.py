"""Where the public evaluation sets are: `../shared/evaldata` beside the checkout, or
`$MORGUE_EVALDATA`. They are not part of the repository, so on a clone without them the tests
that score on them skip, and `make eval`/`make bench`/`make bench-scale` stop, with one line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def evaldata_dir() -> Path:
    """$MORGUE_EVALDATA, else ../shared/evaldata beside the checkout."""
    return Path(os.environ.get("MORGUE_EVALDATA") or REPO.parent / "shared" / "evaldata")


def missing_reason() -> str | None:
    """Why the sets can't be used (one line), or None when they are there."""
    folder = evaldata_dir()
    if (folder / "score.py").exists():
        return None
    return (
        f"the shared evaluation sets are not at {folder}: put them at ../shared/evaldata "
        "or set MORGUE_EVALDATA"
    )


def exit_unless_present(what: str) -> None:
    """For scripts: without the sets, say so in one line and stop (exit 0: nothing failed)."""
    reason = missing_reason()
    if reason is not None:
        print(f"{what}: skipped: {reason}", file=sys.stderr)
        sys.exit(0)
