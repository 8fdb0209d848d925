"""`make serve` promise: editing data/ regenerates the tables on the running dev server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import SUBPATH, copy_project
from sitegen.build import ENV as BUILD_ENV


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, text: str, seconds: float = 45) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    return False


def test_data_edit_shows_up_on_the_dev_server(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env={**os.environ, **BUILD_ENV}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = f"http://127.0.0.1:{port}{SUBPATH}compare/differences/"
        assert wait_for(page, "Main purpose"), "dev server did not come up"
        data = project / "data" / "differences.yaml"
        data.write_text(data.read_text(encoding="utf-8").replace("aspect: Main purpose", "aspect: Main aim, edited"),
                        encoding="utf-8")
        assert wait_for(page, "Main aim, edited"), "the table did not update after a data edit"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_the_dev_server_writes_no_bytecode_into_the_folders_it_watches(monkeypatch):
    """mkdocs.yml watches sitegen/: a .pyc written there while serving would rebuild the site once more."""
    import argparse

    from conftest import ROOT
    from sitegen import __main__ as cli

    started = []
    monkeypatch.setattr(os, "environ", {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    monkeypatch.setattr(os, "chdir", lambda path: None)
    monkeypatch.setattr(os, "execv", lambda program, args: started.append((args, dict(os.environ))))
    cli._serve(argparse.Namespace(root=ROOT, engine="mkdocs", dev_addr="127.0.0.1:8000"))
    [(command, environment)] = started
    assert command[1:4] == ["-m", "mkdocs", "serve"] and environment.get("PYTHONDONTWRITEBYTECODE") == "1"
