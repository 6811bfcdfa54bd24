"""Cheap tests that let a regex scan be skipped: the strings one of which every match of a pattern holds.

A scan of a pattern that opens with a group or a look-behind tries every position of the text (tens of
nanoseconds a character); `may_match(pat, text)` first checks, at C speed, that the text holds one of
the strings any match must contain (月 for a month, 季度 for quarters, 上半年 or 下半年). They are read
from the parsed pattern, so they stay right when the pattern changes; when they cannot be read the
answer is always True.
"""
from __future__ import annotations

import re

try:  # the parser of the re module (re._parser since 3.11, sre_parse before)
    from re import _parser as _sre
except ImportError:  # pragma: no cover
    import sre_parse as _sre  # type: ignore[no-redef]

_MAX_RANGE = 64
_CACHE: dict[re.Pattern, frozenset | None] = {}


def _better(a: frozenset | None, b: frozenset | None) -> frozenset | None:
    """The more selective of two hints: longer strings first, then fewer of them."""
    if a is None or b is None:
        return a if b is None else b
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _required(items) -> frozenset | None:
    """A set of strings one of which every match of this sequence holds, or None."""
    best, run = None, ""
    for op, av in items:
        if op is _sre.LITERAL:
            run += chr(av)  # consecutive literals are one required string (半年, 季度)
            continue
        if run:
            best, run = _better(best, frozenset((run,))), ""
        best = _better(best, _required_op(op, av))
    if run:
        best = _better(best, frozenset((run,)))
    return best


def _required_op(op, av) -> frozenset | None:
    c = _sre
    if op is c.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is c.LITERAL:
                chars.add(chr(a))
            elif o is c.RANGE and a[1] - a[0] < _MAX_RANGE:
                chars.update(chr(x) for x in range(a[0], a[1] + 1))
            else:
                return None  # a negated set, a category (\d), a wide range
        return frozenset(chars)
    if op is c.SUBPATTERN:
        return _required(av[-1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", None):
        lo, _, item = av
        return _required(item) if lo >= 1 else None
    if op is c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            s = _required(alt)
            if s is None:
                return None
            out |= s
        return frozenset(out)
    return None  # look-arounds, anchors, any character, back-references


def required_strings(pat: re.Pattern) -> frozenset | None:
    """Strings one of which every match of `pat` holds (None: unknown)."""
    if pat in _CACHE:
        return _CACHE[pat]
    out = None
    if isinstance(pat.pattern, str) and not pat.flags & (re.IGNORECASE | re.VERBOSE):
        try:
            out = _required(_sre.parse(pat.pattern, pat.flags).data)
        except (re.error, AttributeError, TypeError, ValueError):  # a parser that changed shape: no hint, scan as before
            out = None
    _CACHE[pat] = out
    return out


def may_match(pat: re.Pattern, text: str) -> bool:
    """False only when no match of `pat` can be in `text`."""
    need = required_strings(pat)
    return need is None or any(s in text for s in need)
