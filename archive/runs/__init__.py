"""One run at a time and how it ended: the lock and the exit outcome."""
