"""Names, room codes and tokens from outside: normalized, checked, refused with a clear message.

A name on a room's board must say who played. Names are checked with ICU's implementation of
Unicode's security mechanisms (UTS #39, through PyICU) rather than tables of our own: after
NFKC, a name may hold only characters Unicode recommends for identifiers (plus space, - ' _),
no invisible or blank ones, one script (Latin with Cyrillic is refused; Japanese's mix of Han
and kana is one script here), and digits of one system. Two names whose `name_key` agree look
alike (the UTS #39 skeleton, case ignored): the first player to take one owns them all.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import unicodedata

import icu

NAME_LENGTH = (1, 24)
NAME_PUNCTUATION = " -'_"
ROOM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out in class
ROOM_LENGTH = 5

_ALLOWED = icu.UnicodeSet()  # the recommended set is frozen: it is copied into this one
_ALLOWED.addAll(icu.SpoofChecker().getRecommendedUnicodeSet())
for _char in NAME_PUNCTUATION:
    _ALLOWED.add(_char)
_CHECKER = icu.SpoofChecker()
_CHECKER.setAllowedUnicodeSet(_ALLOWED)
_CHECKER.setRestrictionLevel(icu.URestrictionLevel.HIGHLY_RESTRICTIVE)
_CHECKER.setChecks(icu.USpoofChecks.RESTRICTION_LEVEL | icu.USpoofChecks.INVISIBLE
                   | icu.USpoofChecks.CHAR_LIMIT | icu.USpoofChecks.MIXED_NUMBERS)  # fmt: skip
_BLANK = icu.UnicodeSet("[[:Default_Ignorable_Code_Point:][:White_Space:]-[\\u0020]]")
_SKELETON = icu.SpoofChecker()


def clean_name(raw: object) -> str:
    """A display name, 1-24 characters after NFKC and with runs of spaces made one, or
    ValueError with a sentence that says what is wrong (never repeating the name itself)."""
    text = raw if isinstance(raw, str) else ""  # anything but text is refused below
    text = unicodedata.normalize("NFKC", text)
    if _BLANK.containsSome(text):
        raise ValueError("A name may not hold invisible or blank characters other than spaces.")
    name = " ".join(part for part in text.split(" ") if part)
    lo, hi = NAME_LENGTH
    if not lo <= len(name) <= hi:
        raise ValueError(f"A name must be {lo} to {hi} characters long.")
    if not any(unicodedata.category(c)[0] in "LN" for c in name):
        raise ValueError("A name needs at least one letter or digit.")
    bad = sorted({c for c in name if not _ALLOWED.contains(c)})
    if bad:
        shown = ", ".join(_describe(c) for c in bad[:3])
        raise ValueError(f"A name may use letters, digits, spaces and - ' _ only, not {shown}.")
    problems = _CHECKER.check(name)
    if problems & icu.USpoofChecks.RESTRICTION_LEVEL:
        raise ValueError(
            "A name must be written in one alphabet: mixing them (Latin with Cyrillic or "
            "Greek, say) makes names that look like other names."
        )
    if problems & icu.USpoofChecks.MIXED_NUMBERS:
        raise ValueError("A name's digits must all come from one writing system.")
    if problems:
        raise ValueError("A name may not stack the same accent twice on a letter.")
    return name


def name_key(name: str) -> str:
    """What a (clean) name looks like: equal for names a reader could take for one another."""
    # case is folded before (Alice, ALICE) and after (a skeleton may map 0 to a capital O)
    return _SKELETON.getSkeleton(0, name.casefold()).casefold()


def _describe(char: str) -> str:
    """A character by its code point and Unicode name: plain ASCII, safe in any message."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


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
    """A fresh, unguessable token for a game, a player or a teacher (22 URL-safe characters)."""
    return secrets.token_urlsafe(16)


def clean_token(raw: object, what: str = "game token") -> str:
    """A token read back from a URL or a cookie, or ValueError."""
    lo, hi = TOKEN_LENGTH
    if not isinstance(raw, str) or not lo <= len(raw) <= hi or not set(raw) <= TOKEN_CHARACTERS:
        raise ValueError(f"That is not a {what} this app made.")
    return raw


def digest(secret: str) -> str:
    """What the database keeps of a secret (a player's or a teacher's): its SHA-256, so that a
    copy of the database hands out nobody's identity."""
    return hashlib.sha256(secret.encode()).hexdigest()


def formula_key(record: object) -> str:
    """A typed formula's record (text and domain) as the digest its scores are filed under."""
    return digest(json.dumps(record, sort_keys=True, separators=(",", ":")))


def formula_record(text: str | None) -> object:
    """A room's stored formula record; text that is not JSON comes back as it is (and is
    refused by the level it cannot make)."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text
