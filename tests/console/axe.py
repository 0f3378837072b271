"""axe-core in the browser: the script bundled with axe-playwright-python (no download), run
on the page as it stands, keeping the violations that block or seriously hinder someone."""

from __future__ import annotations

from importlib.resources import files

from playwright.sync_api import Page

AXE_JS = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = {"serious", "critical"}


def violations(page: Page) -> dict[str, list[str]]:
    """Every violation axe finds: its rule and impact -> the elements it found it on."""
    page.evaluate(AXE_JS)
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return {
        f"{v['id']} ({v['impact']})": [" ".join(node["target"]) for node in v["nodes"]]
        for v in found["violations"]
    }


def blocking(page: Page) -> dict[str, list[str]]:
    return {rule: nodes for rule, nodes in violations(page).items() if _impact(rule) in BLOCKING}


def _impact(rule: str) -> str:
    return rule.rsplit("(", 1)[-1].rstrip(")")
