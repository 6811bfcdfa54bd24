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
_UNSET = object()


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
        return None if av[1] & re.IGNORECASE else _required(av[-1])  # (?i:…): letters of either case
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
    need = _CACHE.get(pat, _UNSET)
    if need is _UNSET:
        need = required_strings(pat)
    if need is None:
        return True
    for s in need:
        if s in text:
            return True
    return False


_CATEGORY_CLASS = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}
_FAST: dict[re.Pattern, re.Pattern] = {}


def _first(items) -> tuple[list[str], bool] | None:
    """(class atoms a match of this sequence can start with, whether it can match empty), or None."""
    atoms: list[str] = []
    for op, av in items:
        got = _first_op(op, av)
        if got is None:
            return None
        a, nullable = got
        atoms += a
        if not nullable:
            return atoms, False
    return atoms, True


def _first_op(op, av) -> tuple[list[str], bool] | None:
    c = _sre
    if op is c.LITERAL:
        return [re.escape(chr(av))], False
    if op is c.IN:
        atoms = []
        for o, a in av:
            if o is c.LITERAL:
                atoms.append(re.escape(chr(a)))
            elif o is c.RANGE:
                atoms.append(re.escape(chr(a[0])) + "-" + re.escape(chr(a[1])))
            elif o is c.CATEGORY and str(a) in _CATEGORY_CLASS:
                atoms.append(_CATEGORY_CLASS[str(a)])
            else:
                return None  # a negated set, another category
        return atoms, False
    if op is c.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _first(av[-1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) or op is getattr(c, "POSSESSIVE_REPEAT", None):
        lo, _, item = av
        got = _first(item)
        return None if got is None else (got[0], got[1] or lo == 0)
    if op is c.BRANCH:
        atoms, nullable = [], False
        for alt in av[1]:
            got = _first(alt)
            if got is None:
                return None
            atoms += got[0]
            nullable = nullable or got[1]
        return atoms, nullable
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return [], True  # zero-width: the next item starts the match
    return None  # any character, back-references, conditionals


def _searched_fast(pat: re.Pattern) -> bool:
    """Whether the re compiler already skips ahead by itself: the pattern opens with a literal, a class or
    alternatives that each open with a literal (a look-ahead would only slow those down)."""
    items = _sre.parse(pat.pattern, pat.flags).data
    while items and items[0][0] is _sre.SUBPATTERN:
        items = items[0][1][-1].data
    if not items:
        return False
    op, av = items[0]
    if op in (_sre.LITERAL, _sre.IN) or (op is _sre.ASSERT and av[0] == 1):
        return True  # (an opening look-ahead: already written this way)
    return op is _sre.BRANCH and all(alt and alt[0][0] is _sre.LITERAL for alt in av[1])


def fast(pat: re.Pattern) -> re.Pattern:
    """`pat` with a look-ahead for the characters its matches start with: the same matches, found faster
    when the pattern opens with a look-behind, an optional part or alternatives (the scan then tries the
    whole pattern at every position). Returns `pat` itself when the characters cannot be read."""
    got = _FAST.get(pat)
    if got is not None:
        return got
    out = pat
    if isinstance(pat.pattern, str) and not pat.flags & (re.IGNORECASE | re.VERBOSE):
        try:
            first = _first(_sre.parse(pat.pattern, pat.flags).data)
        except (re.error, AttributeError, TypeError, ValueError):  # a parser that changed shape
            first = None
        if (first is not None and first[0] and not first[1] and not _searched_fast(pat)
                and not all(a in _CATEGORY_CLASS.values() for a in first[0])):  # \d alone: as slow as the pattern
            out = re.compile("(?=[" + "".join(dict.fromkeys(first[0])) + "])(?:" + pat.pattern + ")", pat.flags)
    _FAST[pat] = out
    return out
