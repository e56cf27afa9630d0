"""morgue's edge: the Scrapy project (settings, spiders, WARC capture) and the `morgue` CLI."""
