"""Raw Scrapy fetching of the benchmark site: the same link following, no archiving or
extraction. Prints pages fetched and seconds.

    python tests/benchmarks/raw_fetch.py http://127.0.0.1:8080/index.html
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response, TextResponse

from crawler.link_finder import find_links


class RawSpider(scrapy.Spider):
    name = "raw"

    def parse(self, response: Response) -> Iterator[Any]:
        if isinstance(response, TextResponse):
            # like morgue: links to the start URL's host only
            hosts = {urlsplit(response.url).hostname or ""}
            for url in find_links(response.body, response.url, hosts=hosts):
                yield scrapy.Request(url, callback=self.parse)


def main(start: str) -> None:
    process = CrawlerProcess(
        {
            "LOG_LEVEL": "ERROR",
            "ROBOTSTXT_OBEY": True,
            "CONCURRENT_REQUESTS": 16,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
            "TELNETCONSOLE_ENABLED": False,
            "REMOTE_CONTROL_ENABLED": False,
        }
    )
    crawler = process.create_crawler(RawSpider)
    began = time.perf_counter()
    process.crawl(crawler, start_urls=[start])
    process.start()
    elapsed = time.perf_counter() - began
    assert crawler.stats is not None
    print(crawler.stats.get_value("response_received_count", 0), f"{elapsed:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
