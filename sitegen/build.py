"""Generate, then build: the one place that says how a site is made.

`make build`, the tests and the benchmark all call `build_site`, so the
order (validate and generate every fragment, then run the engine once,
strictly) is written down once.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .render import generate

ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str


def engine_command(engine: str, site_dir: Path) -> list[str]:
    if engine != "mkdocs":
        raise ValueError(f"unknown engine {engine!r}")
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", "mkdocs.yml",
            "--site-dir", str(site_dir)]


def build_site(root: Path, site_dir: Path, engine: str = "mkdocs") -> BuildResult:
    """Generate fragments (in this process), then run the engine once."""
    out, err = io.StringIO(), io.StringIO()
    if generate(root, out=out, err=err) != 0:
        return BuildResult(1, out.getvalue(), err.getvalue())
    result = subprocess.run(engine_command(engine, site_dir), cwd=root, capture_output=True, text=True,
                            env={**os.environ, **ENV})
    return BuildResult(result.returncode, out.getvalue() + result.stdout, err.getvalue() + result.stderr)
