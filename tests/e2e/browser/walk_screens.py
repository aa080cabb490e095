"""What the round walk's actors share: one browser context each, their console errors, and
numbered screenshots under test-artifacts/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class Walkthrough:
    """One browser context per actor, and numbered screenshots of what each one sees."""

    def __init__(self, browser: Any, url: str, screenshots: Path, prefix: str) -> None:
        self.prefix = prefix
        self.browser = browser
        self.url = url
        self.screenshots = screenshots
        self.count = 0
        self.errors: list[str] = []

    def actor(self, viewport: dict[str, int] = LAPTOP) -> Any:
        context = self.browser.new_context(viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        return page

    def shot(self, page: Any, name: str, *, full_page: bool = True) -> None:
        self.count += 1
        path = self.screenshots / f"{self.prefix}-{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=full_page, timeout=30_000)
