"""morgue in Datasette: catalogue metadata, saved queries, links and archived-capture routes."""

# Where `morgue serve` listens unless told otherwise (loopback: nothing is exposed by default).
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
