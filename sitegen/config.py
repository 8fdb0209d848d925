"""What the generator needs from the site configuration: the site URL and the page titles.

The configuration is mkdocs.yml, read by MkDocs's own YAML loader (so `!ENV`,
`!relative` and `INHERIT` mean what they mean to the engines) or handed over
already loaded by the engine (the dev-server hook), so a changed nav title
reaches the generator on the next rebuild. Nothing is read at import time.
"""

from __future__ import annotations

import os

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

CONFIG_FILE = "mkdocs.yml"


class ConfigError(Exception):
    """mkdocs.yml cannot be used: a message naming the file and the setting."""


# Everything a build reads, besides mkdocs.yml: tests and the benchmark copy these.
PROJECT_INPUTS = ("data", "docs", "overrides", "sitegen", "snippets")


@dataclass(frozen=True)
class SiteConfig:
    site_url: str
    site_name: str
    page_titles: dict[str, str] = field(default_factory=dict)  # docs path -> title in the navigation

    @property
    def base_path(self) -> str:
        """The sub-path the site is served under: '/genai-vs-llm/' on GitHub Pages."""
        path = urlsplit(self.site_url).path
        return path if path.endswith("/") else path + "/"

    def title(self, page: str) -> str:
        return self.page_titles.get(page.split("#")[0], page)


def nav_titles(nav: Any) -> dict[str, str]:
    """Page path inside docs/ -> its title in the navigation."""
    titles: dict[str, str] = {}
    for item in nav or []:
        if isinstance(item, Mapping):
            for title, target in item.items():
                if isinstance(target, list):
                    titles.update(nav_titles(target))
                elif isinstance(target, str):
                    titles[target] = str(title)
    return titles


def from_mapping(config: Mapping[str, Any]) -> SiteConfig:
    """From a loaded configuration (a dict, or MkDocs's config object)."""
    site_url = config.get("site_url")
    if not isinstance(site_url, str) or not site_url.startswith(("http://", "https://")):
        raise ConfigError(f"{CONFIG_FILE}: site_url: expected an http(s) address, got {site_url!r}")
    return SiteConfig(site_url=site_url if site_url.endswith("/") else site_url + "/",
                      site_name=str(config.get("site_name", "")), page_titles=nav_titles(config.get("nav")))


# (path, modification time, size, environment) -> the configuration read from it: one
# build reads mkdocs.yml for the generator and again for the finishing step. The
# environment is in the key because `!ENV` tags read it.
_LOADED: dict[tuple[str, int, int, int], SiteConfig] = {}


def load(root: Path) -> SiteConfig:
    """Read root/mkdocs.yml with MkDocs's loader (once per version of the file)."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    path = root / CONFIG_FILE
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, hash(frozenset(os.environ.items())))
        if key not in _LOADED:
            with path.open("rb") as handle:
                _LOADED[key] = from_mapping(yaml_load(handle))
        return _LOADED[key]
    except OSError as exc:
        raise ConfigError(f"{CONFIG_FILE}: cannot be read ({exc.strerror})") from None
    except ConfigurationError as exc:
        raise ConfigError(f"{CONFIG_FILE}: {exc}") from None
