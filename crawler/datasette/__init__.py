"""morgue in Datasette: catalogue metadata, saved queries, links and archived-capture routes."""

# Where `morgue serve` listens unless told otherwise (loopback: nothing is exposed by default).
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
# Visitors' own SQL queries (?sql=, ?_where=) `morgue serve` runs at once; more are answered 503.
MAX_SQL_QUERIES = 2
