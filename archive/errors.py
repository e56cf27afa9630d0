"""morgue's exception tree and exit codes; each error a user can cause says what happened and
what to do. The CLI turns any `MorgueError` into its `exit_code` in one place.

MorgueError                       (exit 1 unless a subclass says otherwise)
├── UsageError                    a bad option, setting or argument          (exit 2)
│   ├── ConfigError               the site configuration can't be used       (exit 2)
│   └── CatalogueNotFoundError    no morgue catalogue where --db points       (exit 2)
├── LockHeldError                 another run holds the lock                  (exit 3)
├── NothingFetchedError           not one page could be fetched               (exit 4)
├── StorageError                  disk full, unwritable folder, corrupt db    (exit 5)
│   └── WarcReadError             a WARC record can't be read where stated    (exit 5)
├── QueueUnavailableError         scale-out: the Redis server can't be reached (exit 6)
├── CaptureNotFoundError          no archived capture matches                 (exit 1)
└── ExtractionError               extraction failed inside morgue (a bug)     (exit 1)
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_NOTHING_FETCHED = 4
EXIT_STORAGE = 5
EXIT_QUEUE_UNAVAILABLE = 6
# Scale-out: a worker was lost, and everything it had taken was fetched again or read back.
EXIT_RECOVERED = 7
# Stopped by Ctrl-C or SIGTERM after its in-flight pages: the shell's code for SIGINT.
EXIT_INTERRUPTED = 130

# Shown under `morgue --help` and `morgue crawl --help`; the README's table says the same.
EXIT_CODES_HELP = """\b
Exit codes:
  0  ok
  1  finished, but some pages failed
  2  usage error (bad option, setting or configuration)
  3  another run holds the lock
  4  nothing could be fetched
  5  storage error (disk full, unwritable folder, corrupt catalogue)
  6  scale-out: the Redis server can't be reached
  7  scale-out: a worker was lost; all it had taken was recovered
  130  interrupted (Ctrl-C, SIGTERM): stopped after the pages in flight"""


class MorgueError(Exception):
    """Base of every error morgue raises on purpose."""

    exit_code = EXIT_FAILURES


class UsageError(MorgueError):
    """An option, setting or argument can't be used as given."""

    exit_code = EXIT_USAGE


class ConfigError(UsageError):
    """The site configuration can't be used as written."""


class CatalogueNotFoundError(UsageError):
    """There is no morgue catalogue where --db points."""


class LockHeldError(MorgueError):
    """Another morgue run holds the lock on this archive."""

    exit_code = EXIT_LOCKED


class NothingFetchedError(MorgueError):
    """Not one page could be fetched."""

    exit_code = EXIT_NOTHING_FETCHED


class StorageError(MorgueError):
    """The archive or the catalogue could not be written or read."""

    exit_code = EXIT_STORAGE


class WarcReadError(StorageError):
    """A WARC record could not be read where the catalogue says it is."""


class QueueUnavailableError(MorgueError):
    """Scale-out mode: the Redis server that holds the shared frontier can't be reached."""

    exit_code = EXIT_QUEUE_UNAVAILABLE


class CaptureNotFoundError(MorgueError):
    """No archived capture matches the URL (and time) asked for."""


class ExtractionError(MorgueError):
    """Extraction failed inside morgue on a page (a bug, not the page's fault): the page stays
    archived, its capture is catalogued as `extraction_error` with this message as evidence."""
