"""Drive Debian's Chromium through Playwright against the built site.

Never downloads a browser: Playwright is pointed at /usr/bin/chromium. The
flags keep Chromium from calling home (background networking, component
updates), so every request a page makes is one the site caused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def origin(url: str) -> str:
    """scheme://host:port of a URL: what counts as this site when requests are checked."""
    return "{0.scheme}://{0.netloc}".format(urlsplit(url))


def wait_loaded(tab) -> None:
    """Until the page has loaded and the network is quiet: what a reader sees before
    touching anything. The theme's bundle has not started (assets/lazy-theme.js)."""
    tab.wait_for_load_state("networkidle")
    tab.wait_for_function("document.readyState === 'complete'")


def wait_theme_started(tab) -> None:
    """Until the theme's bundle has arrived and started its work."""
    tab.wait_for_function("document.documentElement.hasAttribute('data-theme-started')")
    tab.wait_for_function("typeof document$ !== 'undefined'")


def start_theme(tab) -> None:
    """Start the theme's bundle, as a reader's first scroll would, and wait until it runs."""
    tab.evaluate("window.dispatchEvent(new Event('scroll'))")
    wait_theme_started(tab)


def wait_ready(tab) -> None:
    """Until the page has loaded, the network is quiet and the theme has started."""
    wait_loaded(tab)
    start_theme(tab)
    tab.wait_for_load_state("networkidle")


def chooser_card(tab) -> str:
    """The use-case chooser's card text, once the recommendations file it fetches at the
    first choice is in (or has failed to come)."""
    tab.wait_for_function("document.querySelector('#chooser-recommendation').dataset.state !== 'loading'")
    return tab.inner_text("#chooser-recommendation")


@dataclass
class PageLog:
    """What happened while a page loaded: console errors, failures, foreign requests."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def attach(self, page):
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: self.failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
        page.on("request", self._check_origin)
        return self

    def _check_origin(self, request):
        if urlsplit(request.url).scheme in ("data", "blob", "about"):
            return
        if origin(request.url) != self.origin:
            self.foreign.append(request.url)


def launch(playwright):
    if not CHROMIUM.exists():
        raise RuntimeError("Browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
