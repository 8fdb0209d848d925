"""MkDocs hook for the dev server only: regenerate after a data edit.

`make build` and `make serve` generate every fragment once before the
engine starts, so the built site never depends on this hook (ProperDocs
runs it too; Zensical ignores hooks, and builds the same site). Under
`mkdocs serve`, edits in data/ (watched through mkdocs.yml `watch:`)
trigger a rebuild; this hook regenerates first, with the configuration the
server has just loaded, so a changed nav title reaches the generator too.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs loads a hook from its file, outside the package: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sitegen import config as site_config  # noqa: E402
from sitegen.render import generate  # noqa: E402

_serving = False


def on_startup(command, dirty=False, **kwargs):
    global _serving
    _serving = command == "serve"


def on_pre_build(config, **kwargs):
    if not _serving:
        return  # a build: `make build` generated everything before the engine started
    root = Path(config.config_file_path).resolve().parent
    out, err = io.StringIO(), io.StringIO()
    try:
        settings = site_config.from_mapping(config)
    except site_config.ConfigError as exc:
        raise PluginError(str(exc)) from None
    if generate(root, config=settings, out=out, err=err) != 0:
        raise PluginError(f"data generation failed:\n{err.getvalue()}")
