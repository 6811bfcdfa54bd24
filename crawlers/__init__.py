"""Crawling: sources as data, one generic spider, every response archived in WARC, replay for tests.

Library API (the CLI and the DAGs call these):
    crawlers.crawl(source_ids, scan_date=..., archive_dir=..., replay=None, since=None) -> CrawlResult
    crawlers.health.assess(source, stats, last_new_article_at=None, scan_date=...) -> [HealthProblem]
    crawlers.check.check_sources(source_ids=None, replay=None, scan_date=None) -> [SourceCheck]
    crawlers.archive.read_response(warc_path, offset) / iter_responses(warc_path)
    crawlers.sources.load_sources() / get_source(id)
Importing this package does not import Scrapy or Twisted.
"""
from .crawl import CrawlError, CrawlResult, SourceError, crawl, read_manifest
from .stats import SourceStats

__all__ = ["crawl", "CrawlResult", "SourceError", "CrawlError", "read_manifest", "SourceStats"]
