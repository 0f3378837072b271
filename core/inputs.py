"""Strict types for what arrives over the network: request bodies and path parameters.

Whatever a route accepts is stored as it came, so input the database cannot hold (a lone
surrogate, which UTF-8 cannot encode; a NUL, which PostgreSQL refuses) is refused at the edge
with a 4xx that says why, instead of failing later with a 5xx.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StrictStr

# Row ids are INTEGER columns: 32 bits on PostgreSQL (a larger value is a DataError there, so a
# 500), 64 on SQLite. The smaller bound holds on both.
MAX_ROW_ID = 2**31 - 1


def unstorable(text: str) -> str | None:
    """Why `text` cannot be stored, or None when it can."""
    if "\x00" in text:
        return "holds a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode (it holds a lone surrogate)"
    return None


def _storable(text: str) -> str:
    problem = unstorable(text)
    if problem is not None:
        raise ValueError(f"the text {problem}")
    return text


def _digits_only(value: object) -> object:
    # Lax int parsing would take "1.0" or " 1" as 1; an id in a path is written in digits.
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        raise ValueError("an id is a whole number written in digits")
    return value


# A string (never a number or a list turned into one) that the database can hold.
Text = Annotated[StrictStr, AfterValidator(_storable)]

# A row id in a path: digits only, 1 to 2^31 - 1, so it never overflows the database's integer.
RowId = Annotated[int, BeforeValidator(_digits_only), Field(ge=1, le=MAX_ROW_ID)]
