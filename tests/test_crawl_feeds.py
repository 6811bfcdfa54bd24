"""The listing spider reads RSS feeds and sitemaps as list pages too (replayed from a WARC built here)."""
from datetime import date

import crawlers
from crawlers.archive import ArchiveWriter

RSS = """<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0"><channel><title>沈阳要闻</title>
<item><title>沈阳1-7月经济运行情况</title><link>http://news.feeds.test/system/2024/08/23/000001.shtml</link>
<pubDate>Fri, 23 Aug 2024 10:00:00 +0800</pubDate></item>
<item><title>旧闻</title><link>http://news.feeds.test/system/2023/01/02/000002.shtml</link></item>
</channel></rss>"""
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://news.feeds.test/system/2024/08/22/000003.shtml</loc><lastmod>2024-08-22</lastmod></url>
</urlset>"""
ARTICLE = "<html><head><meta charset='utf-8'><title>t</title></head><body><p>沈阳。</p></body></html>"


def test_feed_and_sitemap_links(tmp_path):
    warc = tmp_path / "feeds.warc.gz"
    xml = [("Content-Type", "application/rss+xml")]
    with ArchiveWriter(warc) as w:
        w.write_response("http://news.feeds.test/robots.txt", 404, [], b"")
        w.write_response("http://news.feeds.test/rss.xml", 200, xml, RSS.encode("gb2312"))
        w.write_response("http://news.feeds.test/sitemap.xml", 200, [("Content-Type", "text/xml")], SITEMAP.encode())
        for n in ("2024/08/23/000001", "2024/08/22/000003"):
            w.write_response(f"http://news.feeds.test/system/{n}.shtml", 200, [("Content-Type", "text/html")],
                             ARTICLE.encode())
    sources = tmp_path / "sources.toml"
    sources.write_text('''
[[source]]
id = "feeds"
publisher = "测试"
authority = 3
region = "沈阳"
kind = "press"
start_urls = ["http://news.feeds.test/rss.xml", "http://news.feeds.test/sitemap.xml"]
article_pattern = '^http://news\\.feeds\\.test/system/\\d{4}/\\d{2}/\\d{2}/\\d+\\.shtml$'
recent_days = 30
''', encoding="utf-8")
    result = crawlers.crawl(["feeds"], scan_date=date(2024, 8, 23), archive_dir=tmp_path / "out", replay=[warc],
                            sources_path=sources, timeout=60)
    assert result.errors == []
    arts = {p.url: p for p in result.pages if p.kind == "article"}
    assert set(arts) == {"http://news.feeds.test/system/2024/08/23/000001.shtml",
                         "http://news.feeds.test/system/2024/08/22/000003.shtml"}  # the 2023 item is too old
    first = arts["http://news.feeds.test/system/2024/08/23/000001.shtml"]
    assert first.meta["link_text"] == "沈阳1-7月经济运行情况" and first.meta["list_date"] == "2024-08-23"
    assert arts["http://news.feeds.test/system/2024/08/22/000003.shtml"].meta["list_date"] == "2024-08-22"
