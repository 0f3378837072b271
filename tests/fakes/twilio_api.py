"""A stand-in for Twilio's Messages API, served over real HTTP on loopback.

It checks what the real SDK sends against Twilio's own OpenAPI description (field names, required
fields) and answers with the message resource it describes. It is stricter than Twilio, which
ignores unknown fields: rejecting them proves the channel and the fake agree with the contract,
not merely with each other. WARMLINE_TWILIO_OPENAPI points at another copy of the spec.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tests.fakes.server import free_port, serving

# Twilio's official OpenAPI description of the 2010-04-01 API (MIT), kept beside the tests.
VENDORED_SPEC = Path(__file__).resolve().parent.parent / "contracts/twilio/twilio_api_v2010.json"
SPEC = Path(os.environ.get("WARMLINE_TWILIO_OPENAPI", str(VENDORED_SPEC)))
MESSAGES = "/2010-04-01/Accounts/{AccountSid}/Messages.json"
UNKNOWN_PARAMETER = 20001  # the fake's code for a field the contract does not list
MESSAGES_BY_CODE = {
    20003: "Authenticate",
    20429: "Too Many Requests",
    20500: "Internal Server Error",
    21211: "The 'To' number is not a valid phone number.",
    21610: "Attempt to send to unsubscribed recipient",
    21614: "'To' number is not a valid mobile number",
}


@dataclass(frozen=True)
class Contract:
    fields: frozenset[str]
    required: frozenset[str]
    resource_fields: frozenset[str]


@cache
def messages_contract() -> Contract:
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    create = spec["paths"][MESSAGES]["post"]
    body = create["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    resource = spec["components"]["schemas"]["api.v2010.account.message"]
    return Contract(
        fields=frozenset(body["properties"]),
        required=frozenset(body.get("required", [])),
        resource_fields=frozenset(resource["properties"]),
    )


@dataclass
class FakeTwilio:
    url: str
    account_sid: str = field(default_factory=lambda: f"AC{uuid.uuid4().hex}")
    auth_token: str = field(default_factory=lambda: uuid.uuid4().hex)
    messages: list[dict[str, str]] = field(default_factory=list)  # the forms, as received
    sids: list[str] = field(default_factory=list)  # the SIDs it answered with, in order
    failures: list[tuple[int, int]] = field(default_factory=list)

    def fail_next(self, status: int, code: int) -> None:
        """The next send is answered with this HTTP status and Twilio error code."""
        self.failures.append((status, code))


def twilio_error(status: int, code: int, message: str) -> JSONResponse:
    more_info = f"https://www.twilio.com/docs/errors/{code}"
    body = {"code": code, "message": message, "more_info": more_info, "status": status}
    return JSONResponse(body, status_code=status)


def _authenticated(request: Request, fake: FakeTwilio, account_sid: str) -> bool:
    expected = base64.b64encode(f"{fake.account_sid}:{fake.auth_token}".encode()).decode()
    header = request.headers.get("authorization", "")
    return header == f"Basic {expected}" and account_sid == fake.account_sid


def _invalid(form: dict[str, str]) -> JSONResponse | None:
    contract = messages_contract()
    unknown = sorted(set(form) - contract.fields)
    if unknown:
        return twilio_error(400, UNKNOWN_PARAMETER, f"Unknown parameters: {', '.join(unknown)}")
    if contract.required - set(form):
        return twilio_error(400, 21604, "A 'To' phone number is required.")
    if not (form.get("From") or form.get("MessagingServiceSid")):
        return twilio_error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required")
    if not form.get("Body"):
        return twilio_error(400, 21602, "Message body is required.")
    return None


def _segments(body: str) -> int:
    single, multi = (160, 153) if body.isascii() else (70, 67)  # GSM-7 roughly, else UCS-2
    return 1 if len(body) <= single else -(-len(body) // multi)


def message_resource(account_sid: str, form: dict[str, str]) -> dict[str, Any]:
    sid = f"SM{uuid.uuid4().hex}"
    now = format_datetime(datetime.now(UTC))
    uri = f"/2010-04-01/Accounts/{account_sid}/Messages/{sid}"
    return {
        "account_sid": account_sid,
        "api_version": "2010-04-01",
        "body": form["Body"],
        "date_created": now,
        "date_sent": None,
        "date_updated": now,
        "direction": "outbound-api",
        "error_code": None,
        "error_message": None,
        "from": form.get("From"),
        "messaging_service_sid": form.get("MessagingServiceSid"),
        "num_media": "0",
        "num_segments": str(_segments(form["Body"])),
        "price": None,
        "price_unit": "USD",
        "sid": sid,
        # A messaging service picks the sender later, so Twilio answers "accepted" without one.
        "status": "queued" if form.get("From") else "accepted",
        "subresource_uris": {"media": f"{uri}/Media.json"},
        "to": form["To"],
        "uri": f"{uri}.json",
    }


def _app(fake: FakeTwilio) -> FastAPI:
    app = FastAPI()

    @app.post(MESSAGES)
    async def create_message(AccountSid: str, request: Request) -> JSONResponse:  # noqa: N803
        if not _authenticated(request, fake, AccountSid):
            return twilio_error(401, 20003, MESSAGES_BY_CODE[20003])
        form = dict(parse_qsl((await request.body()).decode(), keep_blank_values=True))
        if fake.failures:
            status, code = fake.failures.pop(0)
            return twilio_error(status, code, MESSAGES_BY_CODE.get(code, "Scripted failure"))
        problem = _invalid(form)
        if problem is not None:
            return problem
        resource = message_resource(AccountSid, form)
        fake.messages.append(form)
        fake.sids.append(resource["sid"])
        return JSONResponse(resource, status_code=201)

    return app


@contextmanager
def running_fake_twilio() -> Iterator[FakeTwilio]:
    port = free_port()
    fake = FakeTwilio(url=f"http://127.0.0.1:{port}")
    with serving(_app(fake), port):
        yield fake
