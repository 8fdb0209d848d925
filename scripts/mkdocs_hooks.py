"""MkDocs hook: regenerate data fragments before every build and rebuild.

Thin on purpose: the generator (scripts/build_tables.py) works on its own and
every `make` target runs it first. This hook makes `mkdocs serve` pick up
edits in data/ (watched via mkdocs.yml `watch:`) without a restart, and adds
the generated redirect pages (generated/redirects/) to the site as static
files. Another engine can copy that folder into its output instead.
"""

import io
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_tables  # noqa: E402


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_pre_build(config, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    if build_tables.generate(_root(config), out=out, err=err) != 0:
        raise PluginError(f"data generation failed:\n{err.getvalue()}")


def on_files(files, config, **kwargs):
    redirects = _root(config) / "generated" / "redirects"
    served = {f.dest_uri for f in files}  # output paths: faq.md is served as faq/index.html
    for path in sorted(redirects.rglob("index.html")):
        rel = path.relative_to(redirects).as_posix()
        if rel in served:
            raise PluginError(f"redirect {rel} would replace a real page; remove it from data/redirects.yaml")
        files.append(File(rel, src_dir=str(redirects), dest_dir=config.site_dir, use_directory_urls=False))
    return files
