"""Generate, build, finish: the one place that says how a site is made, on any engine.

`make build`, the tests and the benchmark all call `build_site`: validate the
data and generate every fragment once, in this process; run the engine once,
strictly; then finish the pages (sitegen.finish: term links, inlined CSS),
the same way whatever engine wrote them. Three engines read the same
mkdocs.yml and docs/:

- mkdocs: MkDocs 1.6 with Material, in .venv (the default);
- properdocs: ProperDocs, a maintained fork of MkDocs 1.6, in .venv-properdocs;
- zensical: Zensical, by Material's authors, in .venv-zensical.

Each other engine has its own virtual environment from its own lock file.
Zensical only writes inside the project, so it builds into a folder there,
which is then moved where it was asked for.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .config import CONFIG_FILE
from .finish import finish_site
from .render import generate

ENGINES = ("mkdocs", "properdocs", "zensical")
ENV = {"NO_MKDOCS_2_WARNING": "1"}


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str


class EngineMissing(Exception):
    """The engine's virtual environment is not installed (make installs it)."""


# Where `make` installs the other engines' environments: this checkout, unless a copy of
# the project (the benchmark's, say) is pointed at the real one.
ENGINES_HOME = "SITEGEN_ENGINES_HOME"


def engine_bin(engine: str, program: str) -> Path:
    if engine == "mkdocs":
        return Path(sys.executable).with_name(program)
    home = Path(os.environ.get(ENGINES_HOME) or Path(__file__).resolve().parent.parent)
    path = home / f".venv-{engine}" / "bin" / program
    if not path.exists():
        raise EngineMissing(f"{path} is missing: run `make build ENGINE={engine}` once to install {engine}")
    return path


def build_command(root: Path, engine: str, site_dir: Path, config_file: str = CONFIG_FILE) -> list[str]:
    if engine in ("mkdocs", "properdocs"):
        # Never --quiet: it drops the warnings before --strict counts them, so nothing fails.
        return [str(engine_bin(engine, "python")), "-m", engine, "build", "--strict",
                "-f", config_file, "--site-dir", str(site_dir)]
    if engine == "zensical":
        return [str(engine_bin(engine, "zensical")), "build", "--strict", "-f", config_file]
    raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")


def serve_command(root: Path, engine: str, dev_addr: str) -> list[str]:
    if engine in ("mkdocs", "properdocs"):
        return [str(engine_bin(engine, "python")), "-m", engine, "serve", "-f", CONFIG_FILE,
                "--dev-addr", dev_addr, "--livereload"]
    if engine == "zensical":
        return [str(engine_bin(engine, "zensical")), "serve", "-f", CONFIG_FILE, "--dev-addr", dev_addr]
    raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")


def engine_environment(root: Path) -> dict[str, str]:
    """The environment an engine's command runs in: ENV, and the project first on
    PYTHONPATH, for mkdocs.yml names a Markdown extension of sitegen's
    (sitegen/htmlfence.py) that a command outside the project must import."""
    path = [str(root.resolve())] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])
    return {**os.environ, **ENV, "PYTHONPATH": os.pathsep.join(path)}


def _run(command: list[str], root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=engine_environment(root))


@contextlib.contextmanager
def engine_config(root: Path, engine: str) -> Iterator[tuple[str, Path | None]]:
    """The configuration file an engine builds from, and the folder it writes to
    (None: wherever --site-dir says).

    Zensical takes the output folder from the configuration and keeps it inside the
    project: a copy of mkdocs.yml beside it (so relative paths still resolve) names a
    folder under .build/, from which the result is moved to where it was asked for."""
    if engine != "zensical":
        yield CONFIG_FILE, None
        return
    (root / ".build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root / ".build") as tmp:
        inner = Path(tmp) / "site"
        config = root / f".build-{Path(tmp).name}.yml"
        text = (root / CONFIG_FILE).read_text(encoding="utf-8")
        config.write_text(f"{text}\n# Added for this build only:\nsite_dir: {inner.relative_to(root)}\n",
                          encoding="utf-8")
        try:
            yield config.name, inner
        finally:
            config.unlink()


def run_engine(root: Path, site_dir: Path, engine: str) -> subprocess.CompletedProcess:
    """Run one engine's strict build of the already generated tree into site_dir."""
    if engine == "mkdocs":  # installed beside the generator, in this environment
        return mkdocs_here(root, site_dir)
    with engine_config(root, engine) as (config, inner):
        result = _run(build_command(root, engine, site_dir, config), root)
        if result.returncode == 0 and inner is not None:
            if site_dir.exists():
                shutil.rmtree(site_dir)
            shutil.move(str(inner), str(site_dir))
        return result


def mkdocs_here(root: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """MkDocs's strict `build`, in this interpreter: MkDocs lives in this environment, and a
    second interpreter would start and import again what this one has (Jinja, Markdown,
    YAML), about a tenth of a build. Its log is the result's stderr, as from the command."""
    import logging

    # Paths as the caller meant them, before the working folder moves to the project.
    root, site_dir = root.resolve(), site_dir.resolve()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    saved = logger.level, logger.propagate
    logger.setLevel(logging.INFO)  # as the command's default: --strict counts the warnings
    logger.propagate = False
    logger.addHandler(handler)
    returncode = 0
    try:
        with contextlib.chdir(root), _environment(ENV):
            from mkdocs.commands.build import build
            from mkdocs.config import load_config

            config = load_config(str(root / CONFIG_FILE), strict=True, site_dir=str(site_dir))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    except Exception as exc:  # noqa: BLE001 - the engine's failure, reported as its command would
        if type(exc).__module__ == "mkdocs.exceptions":  # strict mode's abort, a configuration error
            logger.error("%s: %s", type(exc).__name__, exc)
        else:  # a crash inside the engine or a plugin: its traceback, as the command prints it
            logger.exception("%s: %s", type(exc).__name__, exc)
        returncode = 1
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
    return subprocess.CompletedProcess(["mkdocs", "build", "--strict"], returncode, "", stream.getvalue())


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_site(root: Path, site_dir: Path, engine: str = "mkdocs") -> BuildResult:
    """Generate fragments (in this process), then run the engine once."""
    out, err = io.StringIO(), io.StringIO()
    if generate(root, out=out, err=err) != 0:
        return BuildResult(1, out.getvalue(), err.getvalue())
    try:
        result = run_engine(root, site_dir, engine)
    except EngineMissing as exc:
        return BuildResult(1, out.getvalue(), str(exc))
    if result.returncode == 0:
        finish_site(root, site_dir)
    return BuildResult(result.returncode, out.getvalue() + result.stdout, err.getvalue() + result.stderr)
