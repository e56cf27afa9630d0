"""WARC bytes on disk: writing, naming and rotating, reading, recovery, replay indexes."""
