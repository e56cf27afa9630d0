"""What to crawl: site configurations and the recrawl policy."""
