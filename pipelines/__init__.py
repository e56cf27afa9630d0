"""Thin Scrapy item pipelines over morgue's core: extract, then store."""
