"""Crawling: sources as data, one generic spider, every response archived in WARC, replay for tests.

Library API (the CLI and the DAGs call these):
    crawlers.crawl(source_ids, scan_date=..., archive_dir=..., replay=None) -> CrawlResult
    crawlers.archive.read_response(warc_path, offset) / iter_responses(warc_path)
    crawlers.sources.load_sources() / get_source(id)
Importing this package does not import Scrapy or Twisted.
"""
from .crawl import CrawlError, CrawlResult, SourceError, crawl, read_manifest

__all__ = ["crawl", "CrawlResult", "SourceError", "CrawlError", "read_manifest"]
