"""Scrapy settings for the monitor's crawls: polite by default.

The crawl runner (crawlers/run.py) adds the per-crawl values: ARCHIVE_WARC_PATH (where responses are
archived), REPLAY_WARCS (answer from recorded archives instead of the network) and per-source
politeness overrides from sources.toml.
"""
import os

BOT_NAME = "shenyang_monitor"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# Who we are and how to reach us: site operators see this in their logs.
CONTACT = os.environ.get("SHENYANG_MONITOR_CONTACT", "monitor-ops@example.org")
USER_AGENT = f"shenyang-monitor/0.1 (+indicator monitor; contact: {CONTACT})"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
RANDOMIZE_DOWNLOAD_DELAY = True  # 0.5x to 1.5x the delay: no machine-regular beat
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Bounded failure: an unreachable site must fail in seconds, not hang a daily scan.
DOWNLOAD_TIMEOUT = 20
RETRY_ENABLED = True
RETRY_TIMES = 1
# Pause before retry k: RETRY_BACKOFF_BASE * 2**(k-1) s, at most RETRY_BACKOFF_MAX (BackoffRetryMiddleware).
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 30.0
DNS_TIMEOUT = 10
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 3 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
DUPEFILTER_CLASS = "crawlers.middlewares.RedirectAwareDupeFilter"  # a redirect loop is reported, not dropped
DEPTH_LIMIT = 3
# A body cut short (Content-Length larger than what came) is kept and archived as it came; the spider
# reports the page as failed ("truncated"), so the next crawl fetches it again.
DOWNLOAD_FAIL_ON_DATALOSS = False
# A backfill (--since) follows list pages back until their entries are older than its date: at most
# this many list pages per source.
BACKFILL_MAX_LIST_PAGES = 200
# crawlers.check: one list page and one article per source.
MONITOR_CHECK = False

# Scrapy starts CONCURRENT_ITEMS asyncio tasks for each callback's output (default 100): ours yield
# one page record and a few requests, and no item pipeline waits on anything. Profiled: with 100,
# task creation was the largest cost of a fast crawl.
CONCURRENT_ITEMS = 8

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("SHENYANG_MONITOR_CRAWL_LOG_LEVEL", "INFO")

DOWNLOADER_MIDDLEWARES = {
    # process_response runs from the highest number down: the archive (890) sees each response as it
    # came off the wire, before decompression (590), redirects (600) and retries (550) act on it.
    "crawlers.middlewares.ArchiveMiddleware": 890,
    # Counts every attempt per source (crawlers.stats.SourceStats), next to the archive.
    "crawlers.middlewares.StatsMiddleware": 880,
    # Before the redirect middleware (600) sees it: a redirect off the site fails the page, visibly.
    "crawlers.middlewares.OffsiteRedirectMiddleware": 650,
    # Retries with a growing pause instead of Scrapy's immediate ones.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
    # Closest to the downloader: in replay mode it answers every request, live mode it is a no-op.
    "crawlers.replay.ReplayMiddleware": 950,
}

# Archive settings: one WARC per crawl process. Empty = data/archive/crawl-<spider>-<time>.warc.gz
ARCHIVE_DIR = os.environ.get("SHENYANG_MONITOR_ARCHIVE", os.path.join("data", "archive"))
ARCHIVE_WARC_PATH = ""
REPLAY_WARCS = []

FEED_EXPORT_ENCODING = "utf-8"
