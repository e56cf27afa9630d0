"""What a fetched page is, shared by crawl and rebuild: outcome, processing, kind, status, pool."""
