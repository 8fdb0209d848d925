"""Serve a built site the way GitHub Pages serves a project site: under /<repo>/ with 404.html,
and text compressed with gzip for browsers that accept it, so the benchmark's slow network
carries as many bytes as a reader's would."""

from __future__ import annotations

import contextlib
import gzip
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


# What GitHub Pages compresses: text, not images or fonts that are compressed already.
COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".webmanifest")


class _SubPathHandler(SimpleHTTPRequestHandler):
    prefix = "/"
    compressed: dict[tuple[str, int], bytes] = {}  # (path, mtime in ns) -> gzip body, per server

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if not path.is_file() or not path.name.endswith(COMPRESSED_SUFFIXES) \
                or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        key = (str(path), path.stat().st_mtime_ns)
        if key not in self.compressed:
            self.compressed[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self.compressed[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path):
        route = urlsplit(path).path
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-sub-path")
        return super().translate_path("/" + route[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str):
    """Yield the base URL (http://127.0.0.1:<port><prefix>) while serving `site`."""
    handler = type("Handler", (_SubPathHandler,), {"prefix": prefix, "compressed": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
