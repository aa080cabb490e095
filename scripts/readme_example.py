"""Write the README's example output from the real demo, or check that it is current.

    .venv/bin/python scripts/readme_example.py          # rewrite the block in README.md
    .venv/bin/python scripts/readme_example.py --check  # exit 1 if the README is stale

The block between `<!-- example:start -->` and `<!-- example:end -->` holds what
`forcegen assess --round ROUND_ID` prints (its summary panel) and what
`forcegen compare --round ROUND_ID --public` prints, on a fresh demo database, 100 columns
wide. tests/e2e/cli/test_readme_example.py compares the README with the same commands.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- example:start -->", "<!-- example:end -->"
WIDTH = "100"


def readme_block(assess_output: str, compare_output: str) -> str:
    """The README's example: the commands and what they print (the assessment's panel)."""
    lines = assess_output.splitlines()
    end = next((i for i, line in enumerate(lines) if line.startswith("╰")), len(lines) - 1)
    shown = [line.rstrip() for line in lines[: end + 1]]
    return "\n".join(
        [
            "```console",
            "$ export FORCEGEN_DATA_DIR=var/demo",
            "$ .venv/bin/forcegen round list          # shows the illustrative round's id",
            "$ .venv/bin/forcegen assess --round ROUND_ID",
            *shown,
            "…                                         (then the tables behind every figure)",
            "$ .venv/bin/forcegen compare --round ROUND_ID --public",
            *(line.rstrip() for line in compare_output.strip().splitlines()),
            "```",
        ]
    )


def current_block(readme: str) -> str:
    """The block the README holds now (empty if the markers are missing)."""
    found = re.search(re.escape(START) + r"\n(.*?)\n" + re.escape(END), readme, re.DOTALL)
    return found.group(1) if found else ""


def _run(*args: str, env: dict[str, str]) -> str:
    forcegen = str(Path(sys.executable).with_name("forcegen"))
    return subprocess.run(
        [forcegen, *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def main() -> int:
    with tempfile.TemporaryDirectory() as directory:
        env = {**os.environ, "FORCEGEN_DATA_DIR": directory, "COLUMNS": WIDTH}
        env.pop("FORCEGEN_DATABASE_URL", None)
        _run("demo", "--no-serve", "--data-dir", directory, env=env)
        round_id = re.findall(r"[0-9a-f]{12}", _run("round", "list", env=env))[0]
        block = readme_block(
            _run("assess", "--round", round_id, env=env),
            _run("compare", "--round", round_id, "--public", env=env),
        )
    readme = README.read_text(encoding="utf-8")
    if "--check" in sys.argv:
        if current_block(readme) != block:
            print("README.md's example is stale: run .venv/bin/python scripts/readme_example.py")
            return 1
        return 0
    updated = readme.replace(current_block(readme), block, 1)
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
