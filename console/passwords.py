"""Secrets a person signs in with: argon2 password hashes, TOTP codes and single-use backup
codes. Nothing here is ever logged."""

from __future__ import annotations

import secrets
import string
from datetime import datetime

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name costs what a wrong password does.
_DECOY = _hasher.hash("decoy password for unknown names")
MIN_PASSWORD_CHARS = 12
BACKUP_CODE_COUNT = 8
_BACKUP_ALPHABET = string.ascii_lowercase + string.digits


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DECOY, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_totp_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, name: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=issuer)


def totp_step(secret: str, code: str, now: datetime) -> int | None:
    """The 30-second step whose code this is, or None. One step either side: a phone's clock
    a little off still signs in. The step lets a used code be refused the second time."""
    totp, offered = pyotp.TOTP(secret), code.strip().replace(" ", "")
    current = totp.timecode(now)
    for step in (current, current - 1, current + 1):
        if secrets.compare_digest(totp.generate_otp(step), offered):
            return step
    return None


def new_backup_codes() -> list[str]:
    """Codes for a lost phone, shown once: 10 characters in two halves, easy to read out."""
    codes = [
        "".join(secrets.choice(_BACKUP_ALPHABET) for _ in range(10))
        for _ in range(BACKUP_CODE_COUNT)
    ]
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def use_backup_code(hashes: list[str], offered: str) -> list[str] | None:
    """The hashes left once `offered` is used up, or None when it matches none of them."""
    code = offered.strip().lower()
    for index, hashed in enumerate(hashes):
        if verify_password(hashed, code):
            return hashes[:index] + hashes[index + 1 :]
    return None
