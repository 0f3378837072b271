"""The fake Twilio API holds the SDK to Twilio's published contract, so it must check it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.fakes.twilio_api import UNKNOWN_PARAMETER, FakeTwilio, messages_contract


def _post(fake: FakeTwilio, form: dict[str, str], token: str = "") -> httpx.Response:
    url = f"{fake.url}/2010-04-01/Accounts/{fake.account_sid}/Messages.json"
    auth = (fake.account_sid, token or fake.auth_token)
    return httpx.post(url, data=form, auth=auth, timeout=5, trust_env=False)


def test_fake_rejects_a_field_the_spec_does_not_know(fake_twilio: FakeTwilio) -> None:
    form = {"To": "+15557654321", "From": "+15550001111", "Body": "hi", "Text": "hi"}

    response = _post(fake_twilio, form)

    assert (response.status_code, response.json()) == (
        400,
        {
            "code": UNKNOWN_PARAMETER,
            "message": "Unknown parameters: Text",
            "more_info": f"https://www.twilio.com/docs/errors/{UNKNOWN_PARAMETER}",
            "status": 400,
        },
    )
    assert fake_twilio.messages == []


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({"From": "+15550001111", "Body": "hi"}, 21604),  # no To
        ({"To": "+15557654321", "Body": "hi"}, 21603),  # no sender
        ({"To": "+15557654321", "From": "+15550001111"}, 21602),  # no body
    ],
)
def test_fake_requires_a_recipient_a_sender_and_a_body(
    fake_twilio: FakeTwilio, form: dict[str, str], code: int
) -> None:
    response = _post(fake_twilio, form)

    assert (response.status_code, response.json()["code"]) == (400, code)


def test_fake_checks_basic_auth(fake_twilio: FakeTwilio) -> None:
    response = _post(fake_twilio, {"To": "+15557654321", "Body": "hi"}, token="wrong")

    assert (response.status_code, response.json()["code"]) == (401, 20003)


def test_fake_answers_with_the_message_resource_the_spec_describes(
    fake_twilio: FakeTwilio,
) -> None:
    response = _post(fake_twilio, {"To": "+15557654321", "From": "+15550001111", "Body": "hi"})
    resource: dict[str, Any] = response.json()

    assert response.status_code == 201
    assert set(resource) == messages_contract().resource_fields
    assert (resource["sid"][:2], len(resource["sid"]), resource["status"]) == ("SM", 34, "queued")
    assert fake_twilio.sids == [resource["sid"]]
