"""Raw page bytes -> CleanDocument: decoding, main text (trafilatura), title, publication date, script.

    doc = clean_html(body, url=url, headers={"Content-Type": "text/html"})
    if doc.rejected: ...            # "empty: ...", "binary: ...", "too short: ...", always with the why
    about_shenyang(doc)             # the relevance check for press sources

Never raises for bad input: an empty, binary or contentless page comes back with `rejected` set to a
message that says what was wrong.
"""
from __future__ import annotations

import codecs
import logging
import re
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path

from lxml import html as lxml_html

from .dates import SHANGHAI, date_from_text, find_published
from .document import CleanDocument

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 40  # less main text than this holds no report worth extracting
PLACES_FILE = Path(__file__).with_name("lexicon") / "shenyang_places.tsv"

# Aliases to the codec that decodes what sites mean by them (a "gb2312" page routinely uses GBK
# characters; GB18030 is the superset). Scrapy does the same.
_ENCODING_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
                     "big5": "big5hkscs", "utf8": "utf-8", "unicode": "utf-8"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)

# File signatures of the binary files a crawl meets instead of HTML.
_MAGIC = [(b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
          (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive (e.g. .docx/.xlsx)"),
          (b"\x1f\x8b", "gzip data"), (b"\xd0\xcf\x11\xe0", "MS Office document (.doc/.xls)"),
          (b"RIFF", "RIFF media"), (b"\x00\x00\x00", "binary data")]
_TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/html")

# Lines at the head of the extracted text that are page furniture, not the article: the dateline,
# the source line, the editor. Bylines (本报记者 …) stay: they are part of the article.
_FURNITURE = re.compile(r"^(?:来源|來源|责任编辑|責任編輯|编辑|編輯|作者|稿源|字号|字體|【字体|打印|关闭|分享到)[:：\s]")
_TRAILER = re.compile(r"^(?:\(?责任编辑|\(?責任編輯|【责任编辑|\[责任编辑|编辑[:：]|編輯[:：]|【打印】|【关闭】|打印本页|关闭窗口)")


# A page footer that trafilatura sometimes keeps after the article (e-papers laid out in tables).
_COPYRIGHT = re.compile(r"版权所有|版權所有|Copyright\s*(?:©|\(c\))|ICP备|ICP證", re.I)


def _norm_encoding(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = _ENCODING_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_encoding(body: bytes, headers: dict | None) -> str | None:
    """The charset the HTTP header or the page's own <meta> declares (normalised), or None."""
    for k, v in (headers or {}).items():
        if str(k).lower() == "content-type" and v:
            m = _HEADER_CHARSET.search(str(v))
            if m and _norm_encoding(m.group(1)):
                return _norm_encoding(m.group(1))
    m = _META_CHARSET.search(body[:4096])
    if m:
        return _norm_encoding(m.group(1).decode("ascii", "replace"))
    return None


def decode_html(body: bytes, headers: dict | None = None) -> tuple[str, str]:
    """(text, encoding). UTF-8 when the bytes are valid UTF-8 (GBK or Big5 Chinese text practically
    never is, and CMS migrations leave UTF-8 pages that still declare gb2312), else the declared
    charset, else GB18030 (older Chinese sites often declare nothing), else UTF-8 with replacement
    characters (recorded as such)."""
    if body.startswith(codecs.BOM_UTF8):
        return body[len(codecs.BOM_UTF8):].decode("utf-8", "replace"), "utf-8-sig"
    tried = []
    declared = declared_encoding(body, headers)
    for enc in ["utf-8", declared, "gb18030"]:
        if not enc or enc in tried:
            continue
        tried.append(enc)
        try:
            return body.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return body.decode("utf-8", "replace"), "utf-8 (with replacement characters)"


def sniff_binary(body: bytes, headers: dict | None = None) -> str | None:
    """What non-HTML thing these bytes are, or None when they look like text."""
    ctype = ""
    for k, v in (headers or {}).items():
        if str(k).lower() == "content-type" and v:
            ctype = str(v).split(";")[0].strip().lower()
    for magic, what in _MAGIC:
        if body.startswith(magic):
            return what
    head = body[:2048]
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    if ctype and not ctype.startswith(_TEXT_TYPES) and ctype != "application/octet-stream":
        return f"not a web page (Content-Type {ctype})"
    return None


@lru_cache(maxsize=1)
def _opencc_t2s():
    import opencc

    return opencc.OpenCC("t2s")


_HAN = re.compile(r"[\u3400-\u9fff]")
TRADITIONAL_SHARE = 0.04  # simplified text changes well under 1% under t2s, traditional 15-35%


def guess_script(text: str) -> str:
    """"hant" when a noticeable share of the Han characters are traditional forms, else "hans"."""
    han = _HAN.findall(text)
    if not han:
        return "hans"
    sample = "".join(han[:20000])
    converted = _opencc_t2s().convert(sample)
    if len(converted) != len(sample):  # t2s is character for character; be safe if it is not
        return "hant" if converted != sample else "hans"
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    return "hant" if changed / len(sample) >= TRADITIONAL_SHARE else "hans"


def _parse_tree(text: str):
    try:
        return lxml_html.fromstring(text)
    except (ValueError, lxml_html.etree.ParserError) as exc:
        log.debug("lxml could not parse the page: %s", exc)
        return None


def _meta_map(tree) -> dict[str, str]:
    out: dict[str, str] = {}
    if tree is None:
        return out
    for m in tree.iter("meta"):
        key = (m.get("name") or m.get("property") or m.get("itemprop") or "").strip().lower()
        content = m.get("content")
        if key and content and key not in out:
            out[key] = content.strip()
    return out


def _visible_text(tree) -> str:
    """The page's text as a reader sees it (script/style dropped), lines kept: for the dateline."""
    if tree is None:
        return ""
    tree = lxml_html.fromstring(lxml_html.tostring(tree))  # a copy: the caller's tree stays whole
    for bad in tree.xpath("//script|//style|//noscript|//head"):
        bad.drop_tree()
    # One text node a line: adjacent blocks (a title, then the dateline) must not run together.
    return "\n".join(re.sub(r"[ \t\u3000\xa0]+", " ", t).strip() for t in tree.itertext() if t.strip())


def _heading_texts(tree) -> set[str]:
    if tree is None:
        return set()
    found = tree.xpath("//h1|//h2|//h3|//h4|//h5|//h6|//*[contains(@class,'tit') or contains(@class,'pre') "
                       "or contains(@class,'sub')][not(descendant::p)]")
    return {re.sub(r"\s+", " ", el.text_content()).strip() for el in found} - {""}


# Not inside list items or links: those are the dates of other articles (sidebars, related news).
_MARKED_XPATH = ("//*[(contains(translate(@class,'DATEIMPUB','dateimpub'),'date') or "
                 "contains(translate(@class,'DATEIMPUB','dateimpub'),'time') or "
                 "contains(translate(@id,'DATEIMPUB','dateimpub'),'date') or "
                 "contains(translate(@id,'DATEIMPUB','dateimpub'),'time')) and not(ancestor-or-self::li) "
                 "and not(ancestor-or-self::a)]")


def _marked_dates(tree) -> list[str]:
    """Texts of short elements that the page marks as a date or time (class/id), for the dateline."""
    if tree is None:
        return []
    out = []
    for el in tree.xpath(_MARKED_XPATH):
        txt = re.sub(r"\s+", " ", el.text_content()).strip()
        if txt and len(txt) <= 80:
            out.append(txt)
    return out


def _tables(tree) -> list[list[list[str]]]:
    """Innermost tables with at least 2 rows and 2 columns, as rows of cell texts."""
    if tree is None:
        return []
    out = []
    for table in tree.iter("table"):
        if table.xpath(".//table"):
            continue  # a layout table holding the real one
        rows, linked, filled = [], 0, 0
        for tr in table.xpath(".//tr"):
            tds = tr.xpath("./td|./th")
            cells = [re.sub(r"\s+", " ", td.text_content()).strip() for td in tds]
            for td, cell in zip(tds, cells):
                if cell:
                    filled += 1
                    links = "".join(a.text_content() for a in td.iter("a"))
                    linked += re.sub(r"\s+", " ", links).strip() == cell
            if any(cells):
                rows.append(cells)
        if linked * 2 >= max(filled, 1):
            continue  # a grid of links: navigation, not data
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            out.append(rows)
    return out


def _in_text(table: list[list[str]], text: str) -> bool:
    cells = [c for row in table for c in row if c]
    return bool(cells) and sum(1 for c in cells if c in text) * 2 >= len(cells)


def _tidy(text: str, *, title: str | None, headings: set[str]) -> str:
    """Drop the furniture trafilatura keeps around the article: the title repeated, the dateline,
    the source/editor lines at the head, the editor and print/close links at the tail."""
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    head = 0
    while head < len(lines) and head < 6:
        ln = lines[head]
        short = len(ln) <= 80 and "。" not in ln
        if (title and ln == title) or (short and ln in headings) or \
                (short and (_FURNITURE.match(ln) or date_from_text(ln) is not None)):
            head += 1
            continue
        break
    lines = lines[head:]
    while lines and len(lines[-1]) <= 80 and (_TRAILER.match(lines[-1].strip("| "))
                                               or _COPYRIGHT.search(lines[-1])):
        lines.pop()
    return "\n".join(lines)


def _as_datetime(hint) -> datetime | None:
    if hint is None:
        return None
    if isinstance(hint, datetime):
        return hint if hint.tzinfo else hint.replace(tzinfo=SHANGHAI)
    if isinstance(hint, date):
        return datetime.combine(hint, time(0, 0), tzinfo=SHANGHAI)
    if isinstance(hint, str):
        try:
            return _as_datetime(datetime.fromisoformat(hint.strip()))
        except ValueError:
            raise ValueError(f"published_hint {hint!r} is not an ISO date or datetime") from None
    raise TypeError(f"published_hint must be a date, datetime or ISO string, not {type(hint).__name__}")


_BLOCKS = "descendant::h1|descendant::h2|descendant::h3|descendant::p"


def _is_layout_table(table) -> bool:
    blocks = table.xpath(_BLOCKS)
    if any(b.tag in ("h1", "h2", "h3") for b in blocks):
        return True
    return sum(1 for b in blocks if b.tag == "p" and len(b.text_content().strip()) >= 20) >= 2


def _unwrap_layout_tables(tree) -> str | None:
    """Older e-papers and CMS pages lay the whole page out in tables; trafilatura then reads the
    article as one table row ("| title text … |"). A table holding a heading or several paragraphs
    is layout, not data: its table/tr/td become divs. Returns the new HTML, or None when the page
    has no such table (data tables are left alone)."""
    if tree is None or not any(_is_layout_table(t) for t in tree.iter("table")):
        return None
    copy = lxml_html.fromstring(lxml_html.tostring(tree))
    rename = []
    for table in [t for t in copy.iter("table") if _is_layout_table(t)]:
        rename.append(table)
        # only this table's own structure, not a data table nested inside it
        rename.extend(el for el in table.xpath(".//tbody|.//thead|.//tr|.//td|.//th")
                      if el.xpath("ancestor::table[1]")[0] is table)
    for el in rename:
        el.tag = "div"
    return lxml_html.tostring(copy, encoding="unicode")


def _main_text(text_html: str, url: str | None, min_chars: int):
    import trafilatura

    extracted = trafilatura.bare_extraction(text_html, url=url, with_metadata=True, include_tables=True,
                                            include_comments=False, include_images=False)
    if extracted is None or len((extracted.text or "").strip()) < min_chars:
        # trafilatura's precise pass found little: a short or unusual page; try its recall mode once.
        again = trafilatura.bare_extraction(text_html, url=url, with_metadata=True, include_tables=True,
                                            include_comments=False, favor_recall=True)
        if again is not None and len((again.text or "").strip()) > len(((extracted and extracted.text) or "").strip()):
            extracted = again
    return extracted


def clean_html(body: bytes, *, url: str | None = None, headers: dict | None = None,
               published_hint=None, min_chars: int = MIN_TEXT_CHARS) -> CleanDocument:
    """The article in these page bytes. `published_hint` (date, datetime or ISO string), when given,
    is the publication date the caller knows better than the page (published_from = "given")."""
    hint = _as_datetime(published_hint)
    if body is None or not body.strip():
        return CleanDocument(url=url, title=None, text="", rejected=f"empty: the page has no content ({len(body or b'')} bytes)")
    what = sniff_binary(body, headers)
    if what:
        return CleanDocument(url=url, title=None, text="", rejected=f"binary: {what}, not an HTML page ({len(body)} bytes)")

    text_html, encoding = decode_html(body, headers)
    text_html = _XML_DECL.sub("", text_html, count=1)
    # Control characters (stray bytes in old pages) are not text, and lxml refuses them in places.
    text_html = _CONTROL.sub("", text_html)
    tree = _parse_tree(text_html)
    doc = CleanDocument(url=url, title=None, text="", encoding=encoding)

    try:
        extracted = _main_text(_unwrap_layout_tables(tree) or text_html, url, min_chars)
    except Exception as exc:  # a parser crash on hostile markup is this page's problem, not the scan's
        log.warning("%s: trafilatura failed: %r", url or "page", exc)
        doc.rejected = f"unparseable: the main text could not be extracted ({exc.__class__.__name__}: {exc})"
        return doc
    title = (extracted.title or "").strip() if extracted is not None else ""
    if not title and tree is not None:
        t = tree.findtext(".//title")
        title = (t or "").strip()
    doc.title = title or None
    raw_text = (extracted.text or "") if extracted is not None else ""
    doc.text = _tidy(raw_text, title=doc.title, headings=_heading_texts(tree))
    # Only the tables of the article (their cells are in its text), not the layout or navigation grids.
    doc.tables = [t for t in _tables(tree) if _in_text(t, doc.text)]
    doc.script = guess_script((doc.title or "") + doc.text)

    if hint is not None:
        doc.published, doc.published_from = hint, "given"
    else:
        doc.published, doc.published_from = find_published(
            meta=_meta_map(tree), text=_visible_text(tree), url=url, html=text_html, title=doc.title,
            marked=_marked_dates(tree))

    n = len(doc.text)
    if n == 0:
        doc.rejected = "too short: no main text found in the page"
    elif n < min_chars:
        doc.rejected = f"too short: {n} characters of main text (minimum {min_chars})"
    if encoding.startswith("utf-8 (with"):
        log.warning("%s: bytes neither UTF-8 nor GB18030; decoded with replacement characters", url or "page")
    return doc


# --- relevance -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _places() -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
    """(one regex of all names, longest first; the city's own names; the ambiguous names)."""
    if not PLACES_FILE.is_file():
        raise FileNotFoundError(f"relevance data file missing: {PLACES_FILE}")
    names, city, ambiguous = [], set(), set()
    for n, raw in enumerate(PLACES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if len(cells) != 3 or cells[2] not in ("yes", "no"):
            raise ValueError(f"{PLACES_FILE}:{n}: want 'name<TAB>kind<TAB>yes|no', got {raw!r}")
        names.append(cells[0])
        if cells[1] == "city":
            city.add(cells[0])
        if cells[2] == "yes":
            ambiguous.add(cells[0])
    pattern = re.compile("|".join(re.escape(x) for x in sorted(names, key=len, reverse=True)))
    return pattern, frozenset(city), frozenset(ambiguous)


def shenyang_mentions(text: str, *, script: str | None = None) -> list[str]:
    """Every mention of Shenyang or one of its districts/counties (ambiguous names only when the text
    names the city too). Traditional text is converted first (瀋陽 → 沈阳); simplified text is not
    (t2s damages it: 在沈 → 在沉)."""
    if (script or guess_script(text)) == "hant":
        text = _opencc_t2s().convert(text)
    pattern, city, ambiguous = _places()
    found = pattern.findall(text)
    names_city = any(f in city for f in found)
    return [f for f in found if f not in ambiguous or names_city]


def about_shenyang(doc: CleanDocument, *, min_mentions: int = 2) -> bool:
    """True when the title names Shenyang or one of its districts/counties, or the text does at least
    `min_mentions` times (a single passing mention in a province-wide story is not enough)."""
    if doc.title and shenyang_mentions(doc.title, script=doc.script):
        return True
    return len(shenyang_mentions(doc.text or "", script=doc.script)) >= min_mentions


def relevance_rejection(doc: CleanDocument, *, min_mentions: int = 2) -> str | None:
    """Why a press article is not kept (the text for CleanDocument.rejected), or None when it is about
    Shenyang (see about_shenyang). The reason says what was found, so a wrong skip can be traced."""
    if about_shenyang(doc, min_mentions=min_mentions):
        return None
    found = shenyang_mentions(doc.text or "", script=doc.script)
    if not found:
        return "not about Shenyang: neither the title nor the text names Shenyang or one of its districts/counties"
    names = "、".join(dict.fromkeys(found))
    return (f"not about Shenyang: the title names no Shenyang place and the text only {len(found)} time(s) "
            f"({names}; {min_mentions} needed)")


def apply_relevance(doc: CleanDocument, *, min_mentions: int = 2) -> CleanDocument:
    """For press sources (relevance_filter): set doc.rejected with the reason when the article is not
    about Shenyang. A document already rejected keeps its first reason."""
    if doc.rejected is None:
        doc.rejected = relevance_rejection(doc, min_mentions=min_mentions)
    return doc
