"""The console in a real browser: the whole app served by uvicorn on loopback over a real
database, Debian's Chromium driven by playwright, and the steps most browser tests take."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from playwright.sync_api import Browser, Page

from core.settings import PROJECT_ROOT, Settings
from tests.console.staff import PASSWORD, Account
from tests.fakes.server import free_port, serving
from warmline.app import create_app

CHROMIUM = "/usr/bin/chromium"  # Debian's; `playwright install` would download one
SCREENSHOTS = PROJECT_ROOT / "var" / "screenshots"
CRISIS = "i want to kill myself"


@dataclass(frozen=True)
class Server:
    url: str

    def chat(self, sender: str, text: str) -> list[str]:
        """A text through the simulator channel: the exact pipeline a real SMS takes."""
        answer = httpx.post(f"{self.url}/dev/chat", json={"from": sender, "text": text}, timeout=30)
        assert answer.status_code == 200, answer.text
        replies: list[str] = answer.json()["replies"]
        return replies

    def conversation(self, sender: str) -> list[tuple[str, str]]:
        answer = httpx.get(f"{self.url}/dev/conversation", params={"name": sender}, timeout=10)
        return [(m["direction"], m["text"]) for m in answer.json()["messages"]]


@contextmanager
def running(settings: Settings) -> Iterator[Server]:
    port = free_port()
    with serving(create_app(settings), port):
        yield Server(f"http://127.0.0.1:{port}")


def sign_in(page: Page, server: Server, account: Account, path: str = "/console/") -> None:
    """Both steps, as a person types them: the password, then the code from their phone."""
    page.goto(f"{server.url}{path}")
    page.fill("#name", account.name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.fill("#code", account.code())
    page.click("button[type=submit]")


def new_page(browser: Browser) -> Page:
    return browser.new_context(viewport={"width": 1280, "height": 860}).new_page()


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
