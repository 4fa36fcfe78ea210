"""The quick search that rules a file out of `personal/contact-in-free-text` never rules out a phone number."""

from __future__ import annotations

import random

import pytest

from pst_cli.project.personal import PHONE_START, may_hold_contact

SEPARATORS = ["", " ", ".", "-", "\t", "\u00a0", "\u202f", "\u2009", "\u3000", "\x1c", "\x85"]
DIGITS = "0123456789" + "٠١٢٣٤٥٦٧٨٩" + "０１２３４５６７８９"


@pytest.mark.parametrize("number", ["01 23 45 67 89", "06.12.34.56.78", "+33 6 12 34 56 78", "+33612345678", "0612345678", "01\u202f23\u202f45\u202f67\u202f89", "06١٢٣٤٥٦٧٨"])
def test_a_phone_number_in_a_file_is_looked_for(number):
    text = f"- id: s1\n  description: « Joindre Mme Martin au {number}, après 18 h. »\n"
    assert PHONE_START.search(text)
    assert may_hold_contact(text)


def test_every_phone_number_written_with_any_separator_or_digits_passes_the_quick_search():
    chance = random.Random(18)
    for _ in range(5000):
        start = chance.choice(["0", "+33", "+33 ", "+33-"])
        pairs = "".join(chance.choice(SEPARATORS) + chance.choice(DIGITS) + chance.choice(DIGITS) for _ in range(4))
        text = chance.choice(["", "tél. ", "é", "2024-01-01 "]) + start + chance.choice("123456789") + pairs + chance.choice(["", ".", "\n", "é"])
        assert PHONE_START.search(text) is not None
        assert may_hold_contact(text), repr(text)


def test_a_file_of_dates_and_amounts_only_is_ruled_out():
    assert not may_hold_contact("date: 2024-01-15\nvalue: 1250\nyears: [2021, 2022, 2023]\n")
