"""MkDocs (and ProperDocs) hook: live regeneration under `serve`, and a template cache.

Nothing here changes what a build outputs, so the site never depends on it
(Zensical ignores hooks and builds the same site):

- Under `mkdocs serve`, edits in data/ (watched through mkdocs.yml `watch:`)
  trigger a rebuild; this hook regenerates first, with the configuration the
  server has just loaded, so a changed nav title reaches the generator too.
  `make build` generates everything once before the engine starts.
- Every build compiles the theme's Jinja templates from scratch; a bytecode
  cache in .cache/ keeps the compiled form between builds.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

_serving = False


def on_startup(command, dirty=False, **kwargs):
    global _serving
    _serving = command == "serve"


def on_env(env, config, files, **kwargs):
    """Keep compiled theme templates, keyed by the versions of the engine, theme and Jinja."""
    from importlib import metadata

    import jinja2

    versions = "-".join(_version(metadata, name) for name in ("mkdocs", "properdocs", "mkdocs-material", "jinja2"))
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "jinja-theme" / versions
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
    return env


def _version(metadata, name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"


def on_pre_build(config, **kwargs):
    if not _serving:
        return  # a build: `make build` generated everything before the engine started
    root = Path(config.config_file_path).resolve().parent
    # MkDocs loads a hook from its file, outside the package: make the package importable.
    # Imported here, not at the top: a build in an engine's own environment never needs them.
    sys.path.insert(0, str(root))
    from sitegen import config as site_config
    from sitegen.render import generate

    out, err = io.StringIO(), io.StringIO()
    try:
        settings = site_config.from_mapping(config)
    except site_config.ConfigError as exc:
        raise PluginError(str(exc)) from None
    if generate(root, config=settings, out=out, err=err) != 0:
        raise PluginError(f"data generation failed:\n{err.getvalue()}")
