"""The site list (crawlers/sources.toml) as validated dataclasses.

A bad entry fails loading with a message naming the source and the field, so a typo in the TOML never
turns into a silent empty crawl.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_PATH = Path(__file__).with_name("sources.toml")
KINDS = ("statistics", "government", "press")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_PROBE_DATE = date(2025, 1, 21)  # any date: used only to check that a template formats


class SourceConfigError(ValueError):
    """A sources.toml entry is wrong; the message names the source and the field."""


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    authority: int
    region: str
    kind: str
    start_urls: tuple[str, ...]  # templates, formatted with the scan date by urls_for()
    article_pattern: str
    enabled: bool = True
    list_pattern: str | None = None
    max_list_pages: int = 1
    encoding: str | None = None
    relevance_filter: bool = False
    recent_days: int | None = None
    download_delay: float | None = None
    concurrency: int | None = None
    # Numbered list pages the site does not link as <a> (TRS-style CMS pages write their pager with
    # JavaScript): "index_{n}.html", relative to each start URL, n = 1, 2, ... Page n+1 is asked for
    # only after page n, so a backfill (--since) can stop at the first page older than its date.
    page_url: str | None = None
    # Usual gap between two new articles, in days: longer silence is a health problem (crawlers.health).
    cadence_days: int | None = None
    article_re: re.Pattern = field(init=False, repr=False, compare=False)
    list_re: re.Pattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Compiled once here; frozen dataclass, so through object.__setattr__.
        object.__setattr__(self, "article_re", re.compile(self.article_pattern))
        object.__setattr__(self, "list_re", re.compile(self.list_pattern) if self.list_pattern else None)

    def urls_for(self, scan_date: date, since: date | None = None) -> list[str]:
        """The start URLs of the scan of `scan_date` (templates like `{date:%Y%m}` filled in). With
        `since`, a dated template (an e-paper's issue) gives one URL per day from `since` on."""
        days = [scan_date]
        if since is not None and since < scan_date:
            days = [scan_date - timedelta(days=k) for k in range((scan_date - since).days + 1)]
        out: list[str] = []
        for u in self.start_urls:
            for d in days:
                url = u.format(date=d)
                if url not in out:
                    out.append(url)
        return out

    @property
    def domains(self) -> list[str]:
        """Hosts of the start URLs: the spider stays on them."""
        return sorted({urlsplit(u.format(date=_PROBE_DATE)).hostname or "" for u in self.start_urls})


def _fail(where: str, msg: str) -> SourceConfigError:
    return SourceConfigError(f"{where}: {msg}")


def _parse(entry: dict, where: str) -> Source:
    if not isinstance(entry, dict):
        raise _fail(where, "each [[source]] must be a table")
    known = {f for f in Source.__dataclass_fields__ if f not in ("article_re", "list_re")}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise _fail(where, f"unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    for req in ("id", "publisher", "authority", "region", "kind", "start_urls", "article_pattern"):
        if req not in entry:
            raise _fail(where, f"missing required field '{req}'")
    sid = entry["id"]
    if not isinstance(sid, str) or not _ID_RE.match(sid):
        raise _fail(where, f"id {sid!r} must be a lowercase slug (a-z, 0-9, _)")
    where = f"source '{sid}'"
    for key in ("publisher", "region"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise _fail(where, f"'{key}' must be a non-empty string")
    auth = entry["authority"]
    if not isinstance(auth, int) or isinstance(auth, bool) or not 1 <= auth <= 9:
        raise _fail(where, f"'authority' must be an integer 1..9 (1 = official statistics), got {auth!r}")
    if entry["kind"] not in KINDS:
        raise _fail(where, f"'kind' must be one of {', '.join(KINDS)}, got {entry['kind']!r}")
    urls = entry["start_urls"]
    if isinstance(urls, str):
        urls = [urls]
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
        raise _fail(where, "'start_urls' must be a non-empty list of URL strings")
    for u in urls:
        try:
            filled = u.format(date=_PROBE_DATE)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            raise _fail(where, f"start URL template {u!r} does not format with the scan date "
                               f"(use {{date:%Y%m}} and the like): {exc}") from None
        parts = urlsplit(filled)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise _fail(where, f"start URL {u!r} is not an http(s) URL")
    for key in ("article_pattern", "list_pattern"):
        pat = entry.get(key)
        if pat is None:
            continue
        if not isinstance(pat, str) or not pat:
            raise _fail(where, f"'{key}' must be a non-empty regex string")
        try:
            re.compile(pat)
        except re.error as exc:
            raise _fail(where, f"'{key}' is not a valid regex: {exc}") from None
    page_url = entry.get("page_url")
    if page_url is not None:
        if not isinstance(page_url, str) or "{n}" not in page_url:
            raise _fail(where, f"'page_url' must be a string with {{n}} (the page number), got {page_url!r}")
        try:
            page_url.format(n=1)
        except (KeyError, IndexError, ValueError) as exc:
            raise _fail(where, f"'page_url' {page_url!r} does not format with n only: {exc}") from None
    for key, typ in (("max_list_pages", int), ("recent_days", int), ("concurrency", int), ("cadence_days", int)):
        val = entry.get(key)
        if val is not None and (not isinstance(val, typ) or isinstance(val, bool) or val < 1):
            raise _fail(where, f"'{key}' must be a positive integer, got {val!r}")
    delay = entry.get("download_delay")
    if delay is not None and (not isinstance(delay, (int, float)) or isinstance(delay, bool) or delay < 0):
        raise _fail(where, f"'download_delay' must be a number of seconds >= 0, got {delay!r}")
    enc = entry.get("encoding")
    if enc is not None:
        import codecs

        try:
            codecs.lookup(enc)
        except (LookupError, TypeError):
            raise _fail(where, f"'encoding' {enc!r} is not a known codec") from None
    for key in ("enabled", "relevance_filter"):
        if key in entry and not isinstance(entry[key], bool):
            raise _fail(where, f"'{key}' must be true or false")
    return Source(**{**entry, "start_urls": tuple(urls),
                     "download_delay": float(delay) if delay is not None else None})


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Read and check the site list. Raises SourceConfigError (a ValueError) naming the bad entry."""
    p = Path(path) if path else DEFAULT_PATH
    return list(_load_cached(str(p.resolve())))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> tuple[Source, ...]:
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceConfigError(f"{path}: no such sources file") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceConfigError(f"{path}: not valid TOML: {exc}") from None
    entries = raw.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourceConfigError(f"{path}: no [[source]] entries")
    sources = [_parse(e, f"{path}: [[source]] #{i + 1}") for i, e in enumerate(entries)]
    seen: set[str] = set()
    for s in sources:
        if s.id in seen:
            raise SourceConfigError(f"{path}: source id '{s.id}' appears twice")
        seen.add(s.id)
    return tuple(sources)


def get_source(source_id: str, path: str | Path | None = None) -> Source:
    """The source with this id; KeyError listing the known ids otherwise."""
    for s in load_sources(path):
        if s.id == source_id:
            return s
    known = ", ".join(s.id for s in load_sources(path))
    raise KeyError(f"unknown source '{source_id}'; known: {known}")
