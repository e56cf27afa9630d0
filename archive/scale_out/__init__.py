"""The pure half of scale-out: messages, their ingest, Redis key names, shared runs.

No redis import here: the Redis half lives in crawler/scale_out/.
"""
