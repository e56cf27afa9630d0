"""Checking `-s NAME=VALUE` overrides before a crawl starts, so a typo costs one line, not a run.

A value must parse as the type of the setting's default (morgue's own, else Scrapy's); an
unknown `MORGUE_` name, or a name one typo away from a known one, is refused with a
"did you mean". Other unknown names pass: extensions (scrapy-redis, ...) read their own.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

from scrapy.settings import default_settings

from archive.errors import UsageError
from crawler import settings as morgue_settings

PREFIX = "MORGUE_"

# Settings Scrapy reads with getfloat although their defaults are whole numbers.
FRACTIONAL = frozenset(
    {
        "DOWNLOAD_DELAY",
        "DOWNLOAD_TIMEOUT",
        "DNS_TIMEOUT",
        "CLOSESPIDER_TIMEOUT",
        "CLOSESPIDER_TIMEOUT_NO_ITEM",
        "METAREFRESH_MAXDELAY",
    }
)

# morgue settings whose default is None, by the type a given value must have.
NONE_DEFAULT_TYPES: dict[str, type] = {
    "MORGUE_DEPTH": int,
    "MORGUE_EXTRACT_WORKERS": int,
    "MORGUE_PROGRESS": bool,
    "MORGUE_LOG_DIR": str,
    "MORGUE_REDIS_URL": str,
}

# How close a name must be to a known one to count as its misspelling (difflib ratio).
MISSPELLING_CUTOFF = 0.85


def _names(module: ModuleType) -> dict[str, Any]:
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


def known_settings() -> dict[str, Any]:
    """Every setting name morgue or Scrapy defines, with the default that applies."""
    return {**_names(default_settings), **_names(morgue_settings)}


def check_overrides(overrides: Mapping[str, str]) -> None:
    """Raise UsageError (exit 2) for the first override that names no setting or can't parse."""
    known = known_settings()
    for name, value in overrides.items():
        if name not in known:
            _refuse_unknown(name, known)
            continue
        expected = _expected_type(name, known[name])
        if expected is not None:
            _check_value(name, value, expected)


def _refuse_unknown(name: str, known: Mapping[str, Any]) -> None:
    is_morgue = name.upper().startswith(PREFIX)
    candidates = [n for n in known if n.startswith(PREFIX)] if is_morgue else list(known)
    # Upper-cased first: setting names are case-sensitive, `download_delay` is a typo too.
    close = difflib.get_close_matches(name.upper(), candidates, n=1, cutoff=MISSPELLING_CUTOFF)
    if close:
        raise UsageError(f"-s {name}: no such setting; did you mean {close[0]}?")
    if is_morgue:
        raise UsageError(
            f"-s {name}: no such morgue setting; the README's Settings table lists them"
        )


def _expected_type(name: str, default: Any) -> type | None:
    if default is None:
        return NONE_DEFAULT_TYPES.get(name)
    if isinstance(default, bool):
        return bool
    if isinstance(default, int):
        return float if name in FRACTIONAL else int
    if isinstance(default, float | dict):
        return type(default)
    return None  # strings and lists: Scrapy accepts any text (lists split on commas)


def _parse_bool(value: str) -> bool:
    # As Scrapy's getbool: True/False in either case, or a whole number.
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    return bool(int(value))


def _parse_dict(value: str) -> dict[str, Any]:
    parsed = json.loads(value)
    if not isinstance(parsed, dict):
        raise ValueError("not a JSON object")
    return parsed


PARSERS: dict[type, tuple[Callable[[str], Any], str]] = {
    bool: (_parse_bool, "True or False"),
    int: (int, "a whole number (e.g. 8)"),
    float: (float, "a number (e.g. 0.5)"),
    dict: (_parse_dict, 'a JSON object (e.g. {"name": 1})'),
    str: (str, "text"),
}


def _check_value(name: str, value: str, expected: type) -> None:
    parse, wanted = PARSERS[expected]
    try:
        parsed = parse(value.strip())
    except ValueError:
        raise UsageError(f"-s {name}={value}: {name} takes {wanted}") from None
    if name.startswith(PREFIX) and isinstance(parsed, int | float) and parsed < 0:
        raise UsageError(f"-s {name}={value}: {name} can't be negative")
