"""Talking to a running system in the end-to-end tests: the simulator's chat and conversation
endpoints, and waiting for what the system does in its own time. Starting one is
warmline/isolated.py, shared with the latency benchmark."""

from __future__ import annotations

import time

import httpx


def chat(base_url: str, sender: str, text: str) -> list[str]:
    response = httpx.post(f"{base_url}/dev/chat", json={"from": sender, "text": text}, timeout=60)
    assert response.status_code == 200, response.text
    replies: list[str] = response.json()["replies"]
    return replies


def conversation(base_url: str, sender: str) -> list[tuple[str, str]]:
    response = httpx.get(f"{base_url}/dev/conversation", params={"name": sender}, timeout=10)
    return [(m["direction"], m["text"]) for m in response.json()["messages"]]


def wait_for(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
