"""Scale-out mode: crawl workers on several machines share one scrapy-redis frontier and send
what they archive through Redis to the single catalogue writer (`morgue ingest`)."""
