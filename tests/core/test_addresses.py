"""Addresses: every spelling of one identity becomes one canonical string, or is refused."""

from __future__ import annotations

import pytest

from core.addresses import Address, InvalidAddress, Scheme, parse, phone, simulator, telegram


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+15551234567", "tel:+15551234567"),
        ("+1 555 123 4567", "tel:+15551234567"),
        ("+1-555-123-4567", "tel:+15551234567"),
        ("+1 (555) 123-4567", "tel:+15551234567"),
        ("+1.555.123.4567", "tel:+15551234567"),
        (" +44 20 7946 0958 ", "tel:+442079460958"),
        ("+1234567", "tel:+1234567"),
        ("+123456789012345", "tel:+123456789012345"),
    ],
)
def test_phone_spellings_normalise_to_one_e164_address(raw: str, expected: str) -> None:
    assert str(phone(raw)) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "15551234567",
        "(555) 123-4567",
        "+123456",
        "+1234567890123456",
        "+05551234567",
        "+1555CALLNOW",
        "+1 555 123 4567 ext 2",
        "",
        "+",
    ],
    ids=[
        "no-plus",
        "national-form",
        "too-short",
        "too-long",
        "leading-zero-country-code",
        "letters",
        "extension",
        "empty",
        "plus-only",
    ],
)
def test_phone_that_is_not_e164_is_refused(raw: str) -> None:
    with pytest.raises(InvalidAddress):
        phone(raw)


@pytest.mark.parametrize(
    ("chat_id", "expected"),
    [
        (123456789, "telegram:123456789"),
        ("123456789", "telegram:123456789"),
        (" 42 ", "telegram:42"),
        (-1001234567890, "telegram:-1001234567890"),
        ("-42", "telegram:-42"),
    ],
)
def test_telegram_chat_ids_including_negative_group_ids_are_addresses(
    chat_id: int | str, expected: str
) -> None:
    assert str(telegram(chat_id)) == expected


@pytest.mark.parametrize("chat_id", ["", "abc", "12.5", "--1", "1 2", "@username", "1" * 21])
def test_telegram_chat_id_that_is_not_an_integer_is_refused(chat_id: str) -> None:
    with pytest.raises(InvalidAddress):
        telegram(chat_id)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("alex", "sim:alex"),
        ("Alex", "sim:alex"),
        (" JO.B-2_x ", "sim:jo.b-2_x"),
        ("a" * 40, f"sim:{'a' * 40}"),
    ],
)
def test_simulator_names_are_lowercased_addresses(name: str, expected: str) -> None:
    assert str(simulator(name)) == expected


@pytest.mark.parametrize(
    "name",
    ["", "   ", "alex smith", "a" * 41, "-alex", "alex!", "al:ex"],
    ids=["empty", "blank", "space", "too-long", "leading-dash", "punctuation", "colon"],
)
def test_simulator_name_outside_the_allowed_form_is_refused(name: str) -> None:
    with pytest.raises(InvalidAddress):
        simulator(name)


@pytest.mark.parametrize(
    "address",
    [
        Address(Scheme.TEL, "+15551234567"),
        Address(Scheme.TELEGRAM, "-1001234567890"),
        Address(Scheme.SIM, "alex"),
    ],
)
def test_parse_round_trips_an_address_through_its_string(address: Address) -> None:
    assert parse(str(address)) == address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tel:+1 (555) 123-4567", Address(Scheme.TEL, "+15551234567")),
        ("telegram: 42", Address(Scheme.TELEGRAM, "42")),
        ("sim:Alex", Address(Scheme.SIM, "alex")),
    ],
)
def test_parse_normalises_the_path_for_its_scheme(text: str, expected: Address) -> None:
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text",
    ["mailto:alex@example.org", "whatsapp:+15551234567", "TEL:+15551234567", "+15551234567", ""],
)
def test_parse_refuses_unknown_or_missing_schemes(text: str) -> None:
    with pytest.raises(InvalidAddress):
        parse(text)


@pytest.mark.parametrize("text", ["tel:5551234567", "telegram:me", "sim:two words"])
def test_parse_refuses_an_invalid_path_for_a_known_scheme(text: str) -> None:
    with pytest.raises(InvalidAddress):
        parse(text)
