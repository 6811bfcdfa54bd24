"""The crawl's politeness defaults, and the contact address in the User-Agent."""
import os
import subprocess
import sys


def test_polite_defaults():
    from crawlers import settings as s

    assert s.ROBOTSTXT_OBEY is True and s.AUTOTHROTTLE_ENABLED is True
    assert 1 <= s.CONCURRENT_REQUESTS_PER_DOMAIN <= 2 and s.DOWNLOAD_DELAY >= 1
    assert s.RETRY_TIMES <= 2 and s.DOWNLOAD_TIMEOUT <= 30 and s.DOWNLOAD_MAXSIZE <= 20 * 1024 * 1024
    assert s.USER_AGENT.startswith("shenyang-monitor/") and "contact:" in s.USER_AGENT


def test_contact_comes_from_the_environment():
    env = dict(os.environ, SHENYANG_MONITOR_CONTACT="data-team@example.cn")
    out = subprocess.run([sys.executable, "-c", "from crawlers import settings; print(settings.USER_AGENT)"],
                         capture_output=True, text=True, env=env, check=True).stdout
    assert "contact: data-team@example.cn" in out
