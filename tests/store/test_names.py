"""Names as a room shows them: Unicode-normalized, refused when blank, invisible, mixed-script
or holding markup, and compared by what they look like (UTS #39 skeletons, through ICU)."""

import pytest

from gdgame.store.names import clean_name, digest, name_key

LOOK_ALIKES = [
    ("Alice", "Ａlice"),  # full-width A: NFKC makes it Latin
    ("Alice", "alice"),  # case
    ("Alice", "A1ice"),  # digit one for l
    ("Olivia", "0livia"),  # zero for O
    ("Emma", "Ernrna"),  # rn for m
]
DIFFERENT = [("Alice", "Alicia"), ("José", "Jose"), ("Ann", "Anne"), ("Müller", "Muller"),
             ("李雷", "李電")]  # fmt: skip


@pytest.mark.parametrize("raw, clean", [("Ada", "Ada"), ("  José  Núñez ", "José Núñez"),
                                        ("O'Neil-Smith_2", "O'Neil-Smith_2"), ("Ｂｏｂ", "Bob"),
                                        ("李雷", "李雷"), ("x" * 24, "x" * 24), ("राम", "राम"),
                                        ("山田 太郎", "山田 太郎"), ("Ann\u3000Lee", "Ann Lee"),
                                        ("Zoë", "Zoë")])  # fmt: skip
def test_names_are_normalized(raw, clean):
    assert clean_name(raw) == clean


@pytest.mark.parametrize("a, b", LOOK_ALIKES)
def test_names_that_look_alike_have_one_key(a, b):
    assert name_key(clean_name(a)) == name_key(clean_name(b))


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_names_that_look_different_have_different_keys(a, b):
    assert name_key(clean_name(a)) != name_key(clean_name(b))


@pytest.mark.parametrize(
    "raw, why",
    [("Аlice", "one alphabet"),
     ("Maria Петрова", "one alphabet"), ("Αlpha", "one alphabet"),
     ("ㅤㅤㅤ", "invisible or blank"), ("\u115f\u1160", "invisible or blank"),
     ("Al\u200bice", "invisible or blank"), ("Al\u00adice", "invisible or blank"),
     ("Bob\tSmith", "invisible or blank"), ("a\u202eb", "invisible or blank"),
     ("'--_'", "letter or digit"), ("3٣", "digits"), ("a\u0301\u0301", "accent"),
     ("[x](http://1.2.3.4/p)", "only"), ("$x^2$", "only"), (":red[x]", "only"),
     ("<img src=x>", "only"), ("emoji 🙂", "only"), ("", "1 to 24"), ("y" * 25, "1 to 24")],
)  # fmt: skip
def test_hostile_names_are_refused_with_a_message_that_does_not_repeat_them(raw, why):
    with pytest.raises(ValueError, match=why) as refused:
        clean_name(raw)
    message = str(refused.value)
    assert message.isascii()  # characters are named (U+0028 LEFT PARENTHESIS), never echoed
    for markup in ("http", "](", "$", "<", "[x]"):
        assert markup not in message


def test_the_database_keeps_a_secrets_sha256_not_the_secret():
    # the FIPS 180-2 test vector for "abc"
    assert digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
