"""Batch processors over WARC files: rebuild, reextract, catch-up of pending captures."""
