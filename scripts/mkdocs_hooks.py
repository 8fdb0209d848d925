"""MkDocs hook: regenerate data fragments before every build and rebuild.

Thin on purpose: the generator (scripts/build_tables.py) works on its own and
every `make` target runs it first. This hook only makes `mkdocs serve` pick up
edits in data/ (watched via mkdocs.yml `watch:`) without a restart.
"""

import io
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_tables  # noqa: E402


def on_pre_build(config, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    root = Path(config.config_file_path).resolve().parent
    if build_tables.generate(root, out=out, err=err) != 0:
        raise PluginError(f"data generation failed:\n{err.getvalue()}")
