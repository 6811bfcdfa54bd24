"""The raw archive: HTTP responses as they came, in gzipped WARC files (warcio).

Writing: `ArchiveWriter` appends one `response` record per HTTP response (status, headers, body bytes
as received, before any decompression) and returns the record's offset. Each record is its own gzip
member, so (path, offset) is enough to read one record back without reading the file before it.

Reading: `read_response(path, offset)` and `iter_responses(path)` give `ArchivedResponse` values with
the body decoded from any Content-Encoding (gzip, deflate), i.e. the bytes a browser would parse.
"""
from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

log = logging.getLogger(__name__)

# Scrapy hands over bodies already de-chunked: a Transfer-Encoding header kept with them would make
# WARC readers try to de-chunk again.
_DROP_HEADERS = {"transfer-encoding"}


class ArchiveError(ValueError):
    """A WARC file or offset that does not hold what was asked for; the message says which."""


@dataclass
class ArchivedResponse:
    url: str
    status: int
    headers: dict[str, str]  # header names as sent; a repeated header keeps its last value
    body: bytes  # Content-Encoding removed
    date: datetime | None  # WARC-Date: when it was fetched (UTC)
    offset: int | None = None
    header_list: list[tuple[str, str]] = field(default_factory=list, repr=False)

    @property
    def content_type(self) -> str | None:
        for k, v in self.headers.items():
            if k.lower() == "content-type":
                return v
        return None

    @property
    def is_robots_txt(self) -> bool:
        """The crawl archives robots.txt too; readers of pages usually skip it."""
        from urllib.parse import urlsplit

        return urlsplit(self.url or "").path == "/robots.txt"

    @property
    def content_hash(self) -> str:
        return sha256(self.body)


def sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def warc_date(when: datetime | None = None) -> str:
    when = (when or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


class ArchiveWriter:
    """Appends response records to one gzipped WARC file (created with its directory if needed)."""

    def __init__(self, path: str | Path, info: dict[str, str] | None = None):
        self.path = Path(path)
        self.info = info  # a warcinfo record (software, operator, ...) written first in a new file
        self._fh = None  # opened on the first record: a crawl that fetched nothing leaves no file
        self._writer = None
        self.records = 0

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists() or self.path.stat().st_size == 0
        self._fh = open(self.path, "ab")
        self._writer = WARCWriter(self._fh, gzip=True)
        if new and self.info:
            self._writer.write_record(self._writer.create_warcinfo_record(self.path.name, self.info))

    def write_response(self, url: str, status: int, headers: list[tuple[str, str]], body: bytes, *,
                       reason: str = "", when: datetime | None = None,
                       extra: dict[str, str] | None = None) -> int:
        """Write one response record; returns its offset in the file."""
        if self._fh is None:
            self._open()
        http_headers = StatusAndHeaders(
            f"{status} {reason}".strip() if reason else f"{status} {_reason(status)}",
            [(k, v) for k, v in headers if k.lower() not in _DROP_HEADERS],
            protocol="HTTP/1.1",
        )
        warc_headers = {"WARC-Date": warc_date(when)}
        if extra:
            warc_headers.update(extra)
        record = self._writer.create_warc_record(
            url, "response", payload=BytesIO(body), http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        self._fh.seek(0, os.SEEK_END)
        offset = self._fh.tell()
        self._writer.write_record(record)
        self._fh.flush()  # a crashed crawl still leaves every record written so far readable
        self.records += 1
        return offset

    def close(self) -> None:
        if self._fh is not None and not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> "ArchiveWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _to_response(record, offset: int | None) -> ArchivedResponse:
    http = record.http_headers
    status = int(http.get_statuscode() or 0) if http else 0
    header_list = list(http.headers) if http else []
    body = record.content_stream().read()  # de-chunks and removes gzip/deflate/br Content-Encoding
    date_s = record.rec_headers.get_header("WARC-Date")
    when = None
    if date_s:
        when = datetime.fromisoformat(date_s.replace("Z", "+00:00"))
    return ArchivedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        status=status,
        headers={k: v for k, v in header_list},
        body=body,
        date=when,
        offset=offset,
        header_list=header_list,
    )


def read_response(warc_path: str | Path, offset: int) -> ArchivedResponse:
    """The response record at `offset` of `warc_path`. ArchiveError when there is none."""
    p = Path(warc_path)
    if not p.is_file():
        raise ArchiveError(f"{p}: no such WARC file")
    if offset is None or offset < 0:
        raise ArchiveError(f"{p}: bad offset {offset!r}")
    with open(p, "rb") as fh:
        fh.seek(offset)
        if p.name.endswith(".gz"):
            # Each record is its own gzip member: a real offset starts with the gzip magic. Without this
            # check warcio now and then reads garbage from the middle of a member as a URL-less record.
            magic = fh.read(2)
            if not magic:
                raise ArchiveError(f"{p}@{offset}: no WARC record starts here (end of file)")
            if magic != b"\x1f\x8b":
                raise ArchiveError(f"{p}@{offset}: no WARC record starts here (not the start of a gzip member)")
            fh.seek(offset)
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    raise ArchiveError(f"{p}@{offset}: a '{record.rec_type}' record, not a response")
                if not record.rec_headers.get_header("WARC-Target-URI"):
                    raise ArchiveError(f"{p}@{offset}: no WARC record starts here (a record without a target URI)")
                return _to_response(record, offset)
        except ArchiveError:
            raise
        except Exception as exc:  # warcio raises several kinds for a bad offset; say where
            raise ArchiveError(f"{p}@{offset}: no WARC record starts here ({str(exc)[:80]})") from exc
    raise ArchiveError(f"{p}@{offset}: no WARC record starts here (end of file)")


def iter_responses(warc_path: str | Path) -> Iterator[ArchivedResponse]:
    """Every response record of the file, in order, each with its offset."""
    p = Path(warc_path)
    if not p.is_file():
        raise ArchiveError(f"{p}: no such WARC file")
    with open(p, "rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            if record.rec_type != "response":
                continue
            offset = it.offset  # start of this record (get_record_offset() would consume its body)
            yield _to_response(record, offset)


def archive_path_for(archive_dir: str | Path, label: str, when: datetime | None = None) -> Path:
    """A new file name in `archive_dir`: crawl-<label>-<UTC timestamp>-<pid>.warc.gz."""
    when = (when or datetime.now(timezone.utc)).astimezone(timezone.utc)
    stamp = when.strftime("%Y%m%dT%H%M%S%fZ")
    return Path(archive_dir) / f"crawl-{label}-{stamp}-{os.getpid()}.warc.gz"


def iter_index(warc_path: str | Path) -> Iterator[tuple[str, int, int]]:
    """(url, offset, status) of every response record, without keeping the bodies: for indexing."""
    p = Path(warc_path)
    if not p.is_file():
        raise ArchiveError(f"{p}: no such WARC file")
    with open(p, "rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            if record.rec_type != "response":
                continue
            status = int(record.http_headers.get_statuscode() or 0) if record.http_headers else 0
            yield record.rec_headers.get_header("WARC-Target-URI"), it.offset, status
