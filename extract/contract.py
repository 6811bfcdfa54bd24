"""The extractor contract (../shared/eval/README.md): JSON lines of documents in, JSON lines of figures out."""
from __future__ import annotations

import json
import logging
import re
from datetime import date, datetime
from typing import Iterable, TextIO

log = logging.getLogger(__name__)


def extract_jsonl(lines: Iterable[str], out: TextIO) -> tuple[int, int]:
    """Read one document per line ({"id","text","published","url","title"}), write one line per figure.

    A line that is not a JSON object with a string "text" is reported on stderr (logging) and skipped;
    the other documents go on. Returns (documents processed, figures written).
    """
    from extract.figures import extract_figures

    docs = figs = 0
    for lineno, line in enumerate(lines, 1):
        if lineno == 1:
            line = line.lstrip("\ufeff")  # a byte-order mark from Windows tools
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as e:
            log.error("line %d: not valid JSON (%s); document skipped", lineno, e)
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            log.error("line %d: expected an object with a string \"text\"; document skipped", lineno)
            continue
        doc_id = doc.get("id", f"line-{lineno}")
        published = published_date(doc.get("published"), f"line {lineno} (id {doc_id})")
        url, title = (_text_or_none(doc, k, f"line {lineno} (id {doc_id})") for k in ("url", "title"))
        try:
            found = extract_figures(doc["text"], published=published, url=url, title=title)
        except (ValueError, TypeError) as e:
            log.error("line %d (id %s): %s; document skipped", lineno, doc_id, e)
            continue
        except Exception:  # an extractor bug must not stop the batch: say so loudly, go on
            log.exception("line %d (id %s): extraction failed; document skipped", lineno, doc_id)
            continue
        docs += 1
        for f in found:
            out.write(json.dumps(f.contract(doc_id), ensure_ascii=False) + "\n")
            figs += 1
    out.flush()
    return docs, figs


_ISO = re.compile(r"(?:19|20)\d{2}(?:-(\d{1,2})-(\d{1,2})(?:[T ].*)?)?")
_COMPACT = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")
_ENGLISH = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y")


def published_date(value, where: str = "document") -> str | date | None:
    """A document's `published` as extract_figures takes it. ISO dates pass as they are; other common
    spellings are read (2026年1月15日, 2026/01/15, 2026.1.15, 20260115, 15 Jan 2026); anything else is
    reported and dropped, so that the document is still read with the years its own text gives."""
    from extract.dates import read_date

    if value is None or value == "" or isinstance(value, (date, datetime)):
        return value or None
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if text is not None:
        m = _ISO.fullmatch(text)
        if m and (m[1] is None or _valid(int(text[:4]), int(m[1]), int(m[2]))):
            return text
        day = read_date(text)
        if day is not None:
            return day
        m = _COMPACT.fullmatch(text)
        if m and _valid(int(m[1]), int(m[2]), int(m[3])):
            return date(int(m[1]), int(m[2]), int(m[3]))
        for fmt in _ENGLISH:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    log.warning("%s: published %r is not a date; periods are resolved from the text alone", where, value)
    return None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _text_or_none(doc: dict, key: str, where: str) -> str | None:
    value = doc.get(key)
    if value is None or isinstance(value, str):
        return value
    log.warning("%s: %s %r is not a string; ignored", where, key, value)
    return None
