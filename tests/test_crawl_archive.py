"""The WARC archive: responses as they came, read back by offset or in order."""
import gzip

import pytest

from crawlers.archive import ArchiveError, ArchiveWriter, iter_responses, read_response, sha256


def test_write_and_read_back(tmp_path):
    path = tmp_path / "a" / "crawl.warc.gz"
    page = "<html><body><p>沈阳市地区生产总值</p></body></html>".encode("utf-8")
    with ArchiveWriter(path) as w:
        o1 = w.write_response("http://x.test/a.html", 200,
                              [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")], page)
        o2 = w.write_response("http://x.test/b.html", 500, [("Content-Encoding", "gzip")], gzip.compress(b"server error"))
        o3 = w.write_response("http://x.test/c.html", 404, [], b"")
    assert o1 == 0 < o2 < o3

    a = read_response(path, o1)
    assert (a.url, a.status, a.body) == ("http://x.test/a.html", 200, page)
    assert a.content_type == "text/html; charset=utf-8"
    assert "Transfer-Encoding" not in a.headers  # the body is stored de-chunked
    assert a.date is not None and a.content_hash == sha256(page)
    b = read_response(path, o2)
    assert (b.status, b.body, b.headers["Content-Encoding"]) == (500, b"server error", "gzip")
    assert read_response(path, o3).status == 404

    listed = list(iter_responses(path))
    assert [(r.url, r.offset) for r in listed] == [
        ("http://x.test/a.html", o1), ("http://x.test/b.html", o2), ("http://x.test/c.html", o3)]
    assert listed[1].body == b"server error"


def test_bad_offsets_and_files_say_where(tmp_path):
    path = tmp_path / "c.warc.gz"
    with ArchiveWriter(path) as w:
        w.write_response("http://x.test/", 200, [], b"hello")
    with pytest.raises(ArchiveError, match=r"@7: no WARC record starts here"):
        read_response(path, 7)
    with pytest.raises(ArchiveError, match="end of file"):
        read_response(path, 10_000)
    with pytest.raises(ArchiveError, match="no such WARC file"):
        read_response(tmp_path / "missing.warc.gz", 0)
    with pytest.raises(ArchiveError, match="no such WARC file"):
        list(iter_responses(tmp_path / "missing.warc.gz"))


def test_writer_appends_to_an_existing_file(tmp_path):
    path = tmp_path / "d.warc.gz"
    with ArchiveWriter(path) as w:
        w.write_response("http://x.test/1", 200, [], b"one")
    with ArchiveWriter(path) as w:
        off = w.write_response("http://x.test/2", 200, [], b"two")
    assert read_response(path, off).body == b"two"
    assert [r.body for r in iter_responses(path)] == [b"one", b"two"]


def test_index_without_bodies_and_no_file_without_records(tmp_path):
    from crawlers.archive import iter_index

    path = tmp_path / "e.warc.gz"
    with ArchiveWriter(path) as w:
        pass
    assert not path.exists()  # nothing fetched, no empty archive left behind
    with ArchiveWriter(path) as w:
        a = w.write_response("http://x.test/a", 200, [], b"a" * 5000)
        b = w.write_response("http://x.test/b", 503, [], b"")
    assert list(iter_index(path)) == [("http://x.test/a", a, 200), ("http://x.test/b", b, 503)]
