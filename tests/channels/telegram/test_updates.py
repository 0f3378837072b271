"""Decoding updates: what reaches the gateway, what links, what opts out, what is ignored."""

from __future__ import annotations

from typing import Any

import pytest

from channels.gateway import Inbound
from channels.telegram.updates import Blocked, Deliver, MalformedUpdate, decode, parse
from tests.fakes.telegram_api import MEDIA, button_update, member_update, message_update

CHAT = 42
ADDRESS = "telegram:42"


def decoded(update: dict[str, Any]) -> Deliver | Blocked | None:
    return decode(parse(update))


def test_a_text_becomes_an_inbound_keyed_by_its_update_id() -> None:
    assert decoded(message_update(900, CHAT, text="rough day")) == Deliver(
        Inbound(ADDRESS, "900:42", "rough day")
    )


@pytest.mark.parametrize(
    ("kind", "file_id"),
    [("photo", "photo-large"), ("voice", "voice-1"), ("sticker", "sticker-1")],
)
def test_media_becomes_an_inbound_with_its_file_kept_and_no_text(kind: str, file_id: str) -> None:
    assert decoded(message_update(1, CHAT, **MEDIA[kind])) == Deliver(
        Inbound(ADDRESS, "1:42", "", media_urls=(f"telegram-file:{file_id}",))
    )


def test_a_caption_is_the_text_of_a_photo() -> None:
    result = decoded(message_update(1, CHAT, caption="my meds", **MEDIA["photo"]))

    assert isinstance(result, Deliver)
    assert (result.inbound.text, result.inbound.media_urls) == (
        "my meds",
        ("telegram-file:photo-large",),
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [("/start ABC123", "ABC123"), ("/start@warmline_test_bot ABC123 ", "ABC123"), ("/start", None)],
)
def test_start_carries_its_enrolment_code_and_reaches_the_gateway_as_start(
    text: str, code: str | None
) -> None:
    assert decoded(message_update(1, CHAT, text=text)) == Deliver(
        Inbound(ADDRESS, "1:42", "/start"), enrollment_code=code
    )


@pytest.mark.parametrize("text", ["/stop", "/help", "/start is what I typed, ok"])
def test_other_commands_pass_unchanged(text: str) -> None:
    assert decoded(message_update(1, CHAT, text=text)) == Deliver(Inbound(ADDRESS, "1:42", text))


def test_a_button_press_delivers_its_payload_and_asks_for_an_answer() -> None:
    assert decoded(button_update(5, CHAT, "/mood_good")) == Deliver(
        Inbound(ADDRESS, "5:42", "/mood_good"), callback_query_id="query-5"
    )


def test_kicked_means_blocked_and_other_member_changes_are_ignored() -> None:
    assert decoded(member_update(1, CHAT, "kicked")) == Blocked(ADDRESS)
    assert decoded(member_update(2, CHAT, "member")) is None


def test_a_service_message_without_content_is_ignored() -> None:
    assert decoded(message_update(1, CHAT, new_chat_title="x")) is None


@pytest.mark.parametrize(
    "data",
    [[], "update", {"message": {}}, {"update_id": "1"}, {"update_id": 1, "message": {"x": 1}}],
)
def test_what_is_not_an_update_is_malformed(data: Any) -> None:
    with pytest.raises(MalformedUpdate):
        parse(data)


def test_a_button_press_without_a_chat_is_malformed() -> None:
    update = button_update(1, CHAT, "/x")
    del update["callback_query"]["message"]

    with pytest.raises(MalformedUpdate):
        decoded(update)
