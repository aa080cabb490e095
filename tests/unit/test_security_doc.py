"""docs/security.md says which test checks each control: every test file, class and test it
names exists (a renamed or deleted test must take its line in the document with it)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "docs" / "security.md"
_CODE = re.compile(r"`([^`\n]+)`")


def named_tests(text: str) -> tuple[set[str], set[str]]:
    """The test files (`*.py` under tests/) and test names (`test_…`, `Test…`) in `text`;
    a name ending in `…` stands for any test that starts so."""
    files: set[str] = set()
    tests: set[str] = set()
    for code in _CODE.findall(text):
        for part in re.split(r"::|\s+\(", code):
            part = part.strip(" ()")
            if part.endswith(".py") and part.startswith(("tests/", "test_")):
                files.add(part)
            elif part.startswith(("test_", "Test")):
                tests.add(part.rstrip("…"))
    return files, tests


def test_every_test_the_security_document_names_exists() -> None:
    files, tests = named_tests(DOCUMENT.read_text(encoding="utf-8"))
    sources = {path: path.read_text(encoding="utf-8") for path in (ROOT / "tests").rglob("*.py")}

    missing_files = {f for f in files if not any(path.match(f"*{f}") for path in sources)}
    defined = re.compile(r"^\s*(?:def|class) (\w+)", re.M)
    names = {name for text in sources.values() for name in defined.findall(text)}
    missing_tests = {t for t in tests if not any(name.startswith(t) for name in names)}

    assert len(files) > 10
    assert len(tests) > 5
    assert missing_files == set()
    assert missing_tests == set()


def test_file_and_test_names_are_read_from_code_spans() -> None:
    files, tests = named_tests("`tests/e2e/web/test_gone.py` (`test_nothing_like_this…`)")

    assert files == {"tests/e2e/web/test_gone.py"}
    assert tests == {"test_nothing_like_this"}
