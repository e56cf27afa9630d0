"""The architecture's import rules: the core stays free of Scrapy, Twisted and the CLI, and
inside the core every subpackage imports only the layers below it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]

# archive's parts, bottom up: what each may import from archive (its own modules always).
# `pages.outcome` is the one leaf of `pages` the lower layers may name: it holds the types a
# page is stored as and imports only records.
CORE_ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "records": set(),
    "timestamps": set(),
    "warc": {"errors", "records", "timestamps"},
    "discovery": set(),
    "sites": {"errors", "records"},  # records: the requisite modes a site may name
    "runs": {"errors"},
    "extraction": {"errors", "records"},  # errors: ExtractionError, a leaf
    "catalogue": {
        "errors", "records", "timestamps", "warc", "discovery", "sites", "pages.outcome",
    },
    "pages": {"errors", "records", "warc", "discovery", "extraction"},
    "scale_out": {
        "errors", "records", "timestamps", "warc", "catalogue", "runs", "pages.outcome",
    },
    "rebuild": {
        "errors", "records", "timestamps", "warc", "catalogue", "pages", "extraction",
        "discovery", "sites",
    },
}  # fmt: skip


def part_of(module: str) -> str:
    """`archive.pages.status.classify` -> `pages`; `archive.pages.outcome` -> `pages.outcome`."""
    parts = module.split(".")[1:]
    if parts[:2] == ["pages", "outcome"]:
        return "pages.outcome"
    return parts[0] if parts else ""


def archive_imports(path: Path) -> set[str]:
    """Every archive module a file imports, at any depth (TYPE_CHECKING and local ones too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("archive"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("archive"))
    return found


def test_every_part_of_the_core_is_in_the_layer_table() -> None:
    parts = {p.stem if p.is_file() else p.name for p in (REPO / "archive").iterdir()}
    parts -= {"__init__", "__pycache__"}
    assert parts == set(CORE_ALLOWED) - {"pages.outcome"}


@pytest.mark.parametrize("part", sorted(CORE_ALLOWED))
def test_each_part_of_the_core_imports_only_the_layers_below(part: str) -> None:
    root = REPO / "archive"
    files = sorted((root / part).rglob("*.py")) if (root / part).is_dir() else [root / f"{part}.py"]
    allowed = CORE_ALLOWED[part] | {part}
    wrong = set()
    for path in files:
        for module in archive_imports(path):
            target = part_of(module)
            if target and target not in allowed and target.split(".")[0] not in allowed:
                wrong.add(f"{path.relative_to(REPO)} imports {module}")
    # a name imported from a package may be a module of it: `from archive.pages import outcome`
    wrong = (
        {w for w in wrong if not w.endswith("archive.pages.outcome")} if part != "pages" else wrong
    )
    assert not wrong


def test_the_bottom_layers_never_import_pages_or_extraction() -> None:
    for part in ("records", "errors", "warc", "catalogue"):
        root = REPO / "archive"
        files = (
            [root / f"{part}.py"] if (root / f"{part}.py").exists() else (root / part).rglob("*.py")
        )
        for path in files:
            for module in archive_imports(path):
                assert not module.startswith(("archive.extraction", "archive.pages.status")), path
                assert not module.startswith("archive.pages.processing"), path


@pytest.mark.integration
def test_importing_archive_pulls_in_no_scrapy_or_twisted() -> None:
    code = (
        "import sys, archive, archive.catalogue, archive.warc.reader, archive.warc.files\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'scrapy', 'twisted'})\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == ""


def loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    return {name.split(".")[0] for name in result.stdout.split()}


@pytest.mark.integration
def test_the_catalogue_and_the_warc_layer_load_no_extractor() -> None:
    loaded = loaded_after(
        "import archive, archive.records, archive.catalogue, archive.warc.reader, "
        "archive.warc.writer, archive.catalogue.reader"
    )
    assert not loaded & {"trafilatura", "htmldate", "lxml", "scrapy", "twisted"}


@pytest.mark.integration
def test_the_command_line_loads_no_scrapy_datasette_or_extractor_to_list_its_commands() -> None:
    loaded = loaded_after(
        "import crawler.cli as c; [c.main.get_command(None, n) for n in c.COMMANDS]"
    )
    assert not loaded & {"trafilatura", "htmldate", "scrapy", "twisted", "datasette", "uvicorn"}


@pytest.mark.integration
def test_serve_and_ingest_start_without_loading_the_extractor() -> None:
    loaded = loaded_after(
        "import crawler.cli.serve, crawler.datasette.app, crawler.cli.ingest, "
        "crawler.scale_out.ingest_loop"
    )
    assert not loaded & {"trafilatura", "htmldate"}


def imported_packages(package: str) -> set[str]:
    found: set[str] = set()
    for path in (REPO / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def test_imports_point_downwards_only() -> None:
    assert not imported_packages("archive") & {"crawler", "pipelines", "scrapy", "twisted", "click"}
    assert "crawler" not in imported_packages("pipelines")
    assert "pipelines" not in imported_packages("crawler")


def test_the_generic_spider_and_capture_extension_import_no_scale_out_module() -> None:
    for path in ("crawler/spiders/news.py", "crawler/warc_capture.py"):
        tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not {m for m in modules if "scale_out" in m}, path
