"""Downloader middlewares: the SSRF guard and redirect-loop refusal."""
