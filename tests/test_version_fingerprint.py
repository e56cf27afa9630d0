"""What makes a new version: the fingerprint folds white space and ignores counters."""

from __future__ import annotations

import re
import sys

from archive.catalogue.versions import changed_fields, content_hash, normalised


def test_every_unicode_space_is_folded_as_a_regex_space_run_would_be() -> None:
    # Catalogues already hold fingerprints made with re.sub(r"\s+", " ", text).strip();
    # the same text must keep the same fingerprint.
    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c)))
    text = f"{spaces}Ein{spaces}Satz\u00a0mit\n\n Absätzen {spaces}"
    assert normalised(text) == re.sub(r"\s+", " ", text).strip() == "Ein Satz mit Absätzen"


def test_reflowed_text_has_the_same_fingerprint() -> None:
    one = {"title": "A  headline", "body": "First line.\n\nSecond\tline.", "authors": ["Jane  Doe"]}
    two = {"title": "A headline ", "body": "First line. Second line.", "authors": ["Jane Doe"]}
    assert content_hash(one) == content_hash(two)
    assert changed_fields(one, two) == []


def test_a_new_modified_date_alone_is_no_new_version_but_new_words_are() -> None:
    base = {"title": "A headline", "body": "Text.", "date_modified": "2026-01-01"}
    bumped = {**base, "date_modified": "2026-01-02"}
    edited = {**base, "body": "Text, corrected."}
    assert content_hash(base) == content_hash(bumped)
    assert content_hash(base) != content_hash(edited)
    assert changed_fields(base, edited) == ["body"]
