"""news-please fetching and extracting the benchmark's article URLs (run in its own venv).

.venv-newsplease/bin/python tests/benchmarks/newsplease_run.py urls.txt
"""

from __future__ import annotations

import sys
import time

from newsplease import NewsPlease


def main(url_file: str) -> None:
    with open(url_file, encoding="utf-8") as handle:
        urls = [line.strip() for line in handle if line.strip()]
    began = time.perf_counter()
    results = NewsPlease.from_urls(urls, request_args={"timeout": 30}, fetch_images=False)
    elapsed = time.perf_counter() - began
    extracted = sum(1 for article in results.values() if article is not None)
    print(extracted, f"{elapsed:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
