"""Counting words in any script: spaced words, and runs of scripts written without spaces
(Chinese, Japanese, Thai, …) at a few characters a word."""

from __future__ import annotations

import re

# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar),
# and about how many of their characters make a word. Korean spaces its words.
DENSE_SCRIPT = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
_DENSE_CHAR = re.compile(f"[{DENSE_SCRIPT}]")
# Hangul: spaced, but a syllable block holds what two or three Latin letters do.
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
_COMPACT_CHAR = re.compile(f"[{DENSE_SCRIPT}{HANGUL}]")
_LETTER = re.compile(r"[^\W\d_]")
# Text is in a compact script when at least this share of its letters are.
MIN_COMPACT_SHARE = 0.5
# 、。「」：？ and the ideographic space: no words
_CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uff0f\uff1a-\uff20"
_WORD = re.compile(rf"[^\s{DENSE_SCRIPT}{_CJK_PUNCTUATION}]+")
_UNSPACED = re.compile(f"[{DENSE_SCRIPT}{_CJK_PUNCTUATION}]")
CHARS_PER_WORD = 3


def text_size(text: str) -> int:
    """Words in the text, runs of a script without spaces counted as one word per few
    characters (a 2,000-character Japanese story is ~670 words, not the 10 its spaces make)."""
    if text.isascii() or _UNSPACED.search(text) is None:
        return len(text.split())  # the same words: str.split() and \s agree on white space
    return len(_WORD.findall(text)) + len(_DENSE_CHAR.findall(text)) // CHARS_PER_WORD


def is_compact(text: str) -> bool:
    """True for text mostly in a script that needs fewer characters than Latin ones for as
    much (Chinese, Japanese, Korean, Thai…): "부산항 재개발 착공", not "Busan port works"."""
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_COMPACT_CHAR.findall(text)) >= MIN_COMPACT_SHARE * letters
