"""The listing spider over the recorded archive (tests/fixtures/replay/seeds.warc.gz), in its own
process, exactly as a live crawl but with the bytes coming from the WARC file."""
from datetime import date
from pathlib import Path

import pytest

import crawlers
from crawlers.archive import iter_responses, read_response, sha256
from crawlers.replay import NotInReplayArchive, ReplayIndex, ReplayMiddleware

SEEDS = Path(__file__).parent / "fixtures" / "replay" / "seeds.warc.gz"
LND = "http://epaper.lnd.com.cn/lnrbepaper/pc"
HKCD_SEED = "http://hkcd.com/hkcdweb/content/2026/01/15/content_8735593.html"


@pytest.fixture(scope="module")
def lnd(tmp_path_factory):
    out = tmp_path_factory.mktemp("lnd")
    return crawlers.crawl(["lnd_epaper"], scan_date=date(2025, 1, 21), archive_dir=out, replay=[SEEDS], timeout=120)


@pytest.fixture(scope="module")
def hkcd(tmp_path_factory):
    out = tmp_path_factory.mktemp("hkcd")
    return crawlers.crawl(["hkcd"], scan_date=date(2026, 1, 15), archive_dir=out, replay=[SEEDS], timeout=120)


def test_lnd_finds_layout_pages_and_articles(lnd):
    assert lnd.errors == []
    by_url = {p.url: p for p in lnd.pages}
    assert {u for u, p in by_url.items() if p.kind == "list"} == {
        f"{LND}/layout/202501/21/node_01.html", f"{LND}/layout/202501/21/node_02.html"}
    assert {u for u, p in by_url.items() if p.kind == "article"} == {
        f"{LND}/con/202501/21/content_386201.html", f"{LND}/con/202501/21/content_386202.html",
        f"{LND}/con/202501/21/content_386215.html"}
    seed = by_url[f"{LND}/con/202501/21/content_386201.html"]
    assert seed.status == 200 and seed.error is None and seed.source_id == "lnd_epaper"
    assert seed.referer == f"{LND}/layout/202501/21/node_01.html"
    assert seed.meta["link_text"] == "沈阳:千字当头全力夺取决战决胜"
    assert seed.meta["headers"]["Content-Type"].startswith("text/html")


def test_pages_come_in_a_stable_order(lnd):
    assert [p.url.rsplit("/", 1)[1] for p in lnd.pages] == [
        "node_01.html", "node_02.html", "content_386201.html", "content_386202.html", "content_386215.html"]


def test_every_response_is_archived_in_the_new_warc(lnd):
    (warc,) = lnd.warc_paths
    assert warc.parent == lnd.manifest_path.parent and warc.name.endswith(".warc.gz")
    recorded = {r.url: r.body for r in iter_responses(SEEDS)}
    for page in lnd.pages:
        assert Path(page.warc_path) == warc
        back = read_response(page.warc_path, page.warc_offset)
        assert back.url == page.url and back.status == page.status
        assert back.body == recorded[page.url]  # the bytes as replayed, unchanged
        assert sha256(back.body) == page.content_hash
    archived = [r.url for r in iter_responses(warc)]
    assert "http://epaper.lnd.com.cn/robots.txt" in archived  # robots.txt is obeyed, and archived too
    assert [r.url for r in iter_responses(warc) if r.is_robots_txt] == ["http://epaper.lnd.com.cn/robots.txt"]
    assert len(archived) == len(lnd.pages) + 1
    from warcio.archiveiterator import ArchiveIterator

    with open(warc, "rb") as fh:
        first = next(iter(ArchiveIterator(fh)))
        assert first.rec_type == "warcinfo"
        info = first.content_stream().read().decode()
    assert "replay-of: " in info and "seeds.warc.gz" in info and "robots: obey" in info


def test_hkcd_follows_recent_articles_only(hkcd):
    assert hkcd.errors == []
    articles = sorted(p.url for p in hkcd.pages if p.kind == "article")
    # The list also links a 2025-12-01 article: older than recent_days, not fetched (and not recorded).
    assert articles == ["http://hkcd.com/hkcdweb/content/2026/01/15/content_8735593.html",
                        "http://hkcd.com/hkcdweb/content/2026/01/15/content_8735601.html"]
    seed = next(p for p in hkcd.pages if p.url == HKCD_SEED)
    assert seed.meta["list_date"] == "2026-01-15"  # printed next to the link on the list page
    assert "瀋陽2025多項指標逆勢飄紅".encode() in read_response(seed.warc_path, seed.warc_offset).body


def test_a_url_missing_from_the_archive_fails_clearly(tmp_path):
    # No issue of 2025-01-22 was recorded: the start page is not in the archive.
    result = crawlers.crawl(["lnd_epaper"], scan_date=date(2025, 1, 22), archive_dir=tmp_path,
                            replay=[SEEDS], timeout=120)
    missing = f"{LND}/layout/202501/22/node_01.html"
    (page,) = result.pages
    assert page.url == missing and page.status == 0 and page.warc_path is None
    assert page.error == f"not in the replay archive: {missing}"
    (err,) = result.errors
    assert err.source_id == "lnd_epaper" and f"not in the replay archive: {missing}" in err.message
    assert "no list page could be fetched" in str(err)


def test_replay_index_and_middleware_never_invent_a_response():
    index = ReplayIndex([SEEDS])
    assert index.lookup(HKCD_SEED) is not None
    assert index.lookup("http://hkcd.com/hkcdweb/content/2026/01/16/content_1.html") is None
    from scrapy import Request

    mw = ReplayMiddleware(index)
    resp = mw.process_request(Request(HKCD_SEED))
    assert resp.status == 200 and "瀋陽".encode() in resp.body
    with pytest.raises(NotInReplayArchive, match="not in the replay archive: http://nowhere.test/x"):
        mw.process_request(Request("http://nowhere.test/x"))
    with pytest.raises(FileNotFoundError, match="replay archive not found"):
        ReplayIndex([SEEDS.with_name("nope.warc.gz")])


def test_unknown_source_is_a_crawl_error(tmp_path):
    with pytest.raises(crawlers.CrawlError, match="unknown source 'nope'"):
        crawlers.crawl(["nope"], scan_date=date(2025, 1, 21), archive_dir=tmp_path, replay=[SEEDS])
