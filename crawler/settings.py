"""Scrapy settings for morgue. `MORGUE_*` settings are morgue's own; all can be set with `-s`.

Politeness defaults are for real news sites; tests and the demo override them for 127.0.0.1.
"""

BOT_NAME = "morgue"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = "morgue/0.1 (news archiving; +https://github.com/morgue-archive/morgue)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# No listening control ports on an unattended archive crawler.
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
# Scrapy starts this many asyncio tasks for every response's output (100 by default, ~2 ms a
# page); the spider yields one page item per response, then requests, which are handled at once.
CONCURRENT_ITEMS = 4
# Scrapy checks each callback's source for `return value` in a generator on every response (its
# cache misses bound methods: ~1 ms a page); the spider's callbacks return no value.
WARN_ON_GENERATOR_RETURN_VALUE = False

EXTENSIONS = {
    "crawler.warc_capture.WarcCaptureExtension": 100,
    # AutoThrottle, but never below a site's own download_delay (crawler/politeness.py).
    "scrapy.extensions.throttle.AutoThrottle": None,
    "crawler.politeness.SiteDelayAutoThrottle": 0,
    "crawler.progress.CrawlProgress": 500,
}
# Scrapy's 2,083 is Internet Explorer's old limit, and drops longer URLs unseen (a start URL of
# 5,035 characters ended the run "nothing fetched"). Browsers take URLs of megabytes and servers
# commonly answer request lines of 8 to 64 KiB, so 64 KiB fetches any URL a server is likely to
# answer while a URL that grows with every hop still stops; a longer one is refused by
# crawler.middlewares.long_urls and recorded as a failed capture with the reason.
URLLENGTH_LIMIT = 65_536
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
}
DOWNLOADER_MIDDLEWARES = {
    # First of all: refuse over-long URLs with a reason (see URLLENGTH_LIMIT).
    "crawler.middlewares.long_urls.LongUrlMiddleware": 20,
    # Before robots.txt (100) and everything that connects: refuse non-public destinations.
    "crawler.middlewares.ssrf_guard.SsrfGuardMiddleware": 25,
    # Scrapy's robots.txt rules, obeyed also by requests that waited for the file together.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots.EveryWaiterRobotsTxtMiddleware": 100,
    # Scrapy's redirects, with a loop ending in a recorded failure instead of a silent drop.
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.redirect_loops.LoopRefusingRedirectMiddleware": 600,
    # Content codings undone by the archive's decoders, as rebuild does (same limit, same codings).
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.content_coding.ContentCodingMiddleware": 590,
    # Scrapy's meta refresh redirects, without decoding pages that don't say "refresh".
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.meta_refresh.ByteCheckedMetaRefreshMiddleware": 580,
    # Scrapy's retries, but a 429 or 503 waits for its Retry-After (up to MORGUE_MAX_RETRY_AFTER).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry_after.RetryAfterMiddleware": 550,
    # After the retry middleware (550): a host that never answered fails its later requests at once.
    "crawler.middlewares.unreachable_hosts.UnreachableHostMiddleware": 560,
}
ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 300,
    "pipelines.store.StorePipeline": 800,
}

# morgue's own settings
MORGUE_DB = "morgue.db"
MORGUE_WARC_DIR = "warc"
MORGUE_WARC_PREFIX = "morgue"
MORGUE_WARC_MAX_SIZE = 1_000_000_000
# gzip level of each WARC record (1-9); 4 is 3% larger than 6 on news HTML for a quarter less
# CPU (6 is as small as 9 at half of its CPU).
MORGUE_WARC_GZIP_LEVEL = 4
# Write a revisit record instead of a second full response when a URL's payload is unchanged.
MORGUE_WARC_REVISITS = True
# Links are followed this many hops from the start URLs; None means no limit (Scrapy's
# DEPTH_LIMIT=0 means "unlimited", so depth 0 is handled by the spider instead).
MORGUE_DEPTH = None
# Each run logs to its own file here (default: `logs/` beside the catalogue); set LOG_FILE to
# choose one file yourself.
MORGUE_LOG_DIR = None
# The live progress line on stderr: None = only when stderr is a terminal (`--progress`,
# `--no-progress`, `-q`).
MORGUE_PROGRESS = None
# Fetch everything reached, ignoring the recrawl policy (`morgue crawl --refetch`).
MORGUE_REFETCH = False
# A page counts as an article when the extracted body has at least this many words,
# unless its markup (JSON-LD / og:type) already says so.
MORGUE_ARTICLE_MIN_WORDS = 120
# Processes that extract articles off the reactor; empty = one per core, 0 = inline.
MORGUE_EXTRACT_WORKERS = None
# Seconds one page may spend in extraction; past them its worker is killed and replaced and the
# page is catalogued as extraction_timeout (0 = no limit; inline extraction has none).
MORGUE_EXTRACT_TIMEOUT = 20.0
# Decoded HTML pages larger than this many bytes are archived but not extracted (too_large).
MORGUE_MAX_EXTRACT_BYTES = 8 * 1024 * 1024
# Longest Retry-After (seconds) a 429 or 503 retry waits for; a longer one fails the page.
MORGUE_MAX_RETRY_AFTER = 600
# Refuse links and redirects to loopback, private, link-local and cloud-metadata addresses
# (also via host names that resolve to them), except the hosts of the start URLs, feeds and
# sitemaps and those listed in MORGUE_SSRF_ALLOWED (host names, addresses or networks).
MORGUE_SSRF_GUARD = True
MORGUE_SSRF_ALLOWED: list[str] = []
# What of each page's requisites is archived as captures of their own: "photos" (the article's
# images, largest responsive candidate), "page" (all it needs to render: stylesheets and their
# imports, scripts, fonts, every image) or "none"; a site's `requisites` key overrides it.
MORGUE_REQUISITES = "photos"
# Bytes a requisite may have; a larger one is cut off while downloading (never held whole) and
# recorded as `too_large` (Scrapy's download_maxsize for requisite requests only).
MORGUE_MAX_REQUISITE_BYTES = 25 * 1024 * 1024
# Pages, sitemaps and feeds fetched per host in one run, so an endless calendar, pagination or
# sitemap tree can't trap the crawl.
MORGUE_MAX_PAGES_PER_HOST = 10_000
# Seconds a request to a start host (start URLs, feeds, sitemaps) waits for a first answer
# while the host has not answered in this run, tried once: a host that accepts connections but
# never answers then fails the run in seconds, not 3 x DOWNLOAD_TIMEOUT. 0 = off.
MORGUE_FIRST_CONTACT_TIMEOUT = 8.0
# Sitemaps and sitemap indexes fetched per site in one run: enough for years of daily sitemaps,
# while most of the host's requests are left for pages.
MORGUE_MAX_SITEMAPS = 1_000
# Nesting of sitemap indexes followed: a sitemap the site, robots.txt or a common path names is
# at depth 0, one listed in it at 1. The sitemaps protocol needs 1 (index -> sitemaps); 3 leaves
# room for indexes of indexes, which some sites have.
MORGUE_SITEMAP_DEPTH = 3
# Feeds fetched per site in one run (configured, or announced by the start pages): sites announce
# a handful, a page announcing hundreds is a trap.
MORGUE_MAX_FEEDS = 100

# Scale-out mode (`morgue crawl --redis URL`): workers share a scrapy-redis frontier in this
# Redis server and send what they archive to `morgue ingest`; None = a single local crawl.
MORGUE_REDIS_URL = None
# Prefix of every Redis key morgue uses, so several archives can share one server.
MORGUE_REDIS_PREFIX = "morgue"
# Seconds without a heartbeat after which a worker counts as lost (it beats every sixth of it):
# its unfinished requests go back to the frontier, or are read back from its WARC files.
MORGUE_WORKER_TIMEOUT = 60
