"""Names, room codes and tokens from outside: normalized, checked, refused with a clear message."""

from __future__ import annotations

import secrets
import unicodedata

NAME_LENGTH = (1, 24)
NAME_PUNCTUATION = set(" -'_")
ROOM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out in class
ROOM_LENGTH = 5


def clean_name(raw: object) -> str:
    """A display name: 1-24 letters, digits, spaces, - ' _ after Unicode NFKC, or ValueError."""
    text = raw if isinstance(raw, str) else ""  # anything but text is refused below
    name = " ".join(unicodedata.normalize("NFKC", text).split())
    lo, hi = NAME_LENGTH
    if not lo <= len(name) <= hi:
        raise ValueError(f"A name must be {lo} to {hi} characters long.")
    bad = sorted({c for c in name if not (c.isalnum() or c in NAME_PUNCTUATION)})
    if bad:
        shown = " ".join(repr(c) for c in bad[:5])
        raise ValueError(f"A name may use letters, digits, spaces and - ' _ only, not {shown}.")
    return name


def new_room_code() -> str:
    """A fresh, random room code such as "K7QXM"."""
    return "".join(secrets.choice(ROOM_ALPHABET) for _ in range(ROOM_LENGTH))


def clean_room(raw: object) -> str:
    """A room code as typed by a student (any case, spaces around), or ValueError."""
    code = raw.strip().upper() if isinstance(raw, str) else ""
    if len(code) != ROOM_LENGTH or any(c not in ROOM_ALPHABET for c in code):
        raise ValueError(f"A room code is {ROOM_LENGTH} letters and digits, like K7QXM.")
    return code


TOKEN_CHARACTERS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
TOKEN_LENGTH = (16, 64)


def new_token() -> str:
    """A fresh, unguessable token for a game or a saved score (22 URL-safe characters)."""
    return secrets.token_urlsafe(16)


def clean_token(raw: object) -> str:
    """A token read back from a URL, or ValueError."""
    lo, hi = TOKEN_LENGTH
    if not isinstance(raw, str) or not lo <= len(raw) <= hi or not set(raw) <= TOKEN_CHARACTERS:
        raise ValueError("That is not a game token this app made.")
    return raw
