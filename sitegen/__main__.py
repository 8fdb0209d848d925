"""Command line: `python -m sitegen <command>`. Every make target calls one of these."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path.cwd()


def _generate(args) -> int:
    from .render import generate
    return generate(args.root, check=args.check)


def _data_check(args) -> int:
    from .data import DataError, load_all
    try:
        site = load_all(args.root / "data")
    except DataError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        print(f"\n{len(exc.problems)} data problem(s). Fix them and run `make data-check` again.", file=sys.stderr)
        return 1
    count = sum(len(site.records(n)) for n in site)
    print(f"data OK: {len(site.datasets)} datasets, {count} records")
    return 0


def _build(args) -> int:
    from .build import build_site
    result = build_site(args.root, args.site_dir.resolve(), args.engine)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.returncode


def _review(args) -> int:
    import datetime as dt
    from .data import load_all
    from .review import due, report
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    site = load_all(args.root / "data")
    print(report(due(site, args.root / "docs", today, args.months), today, args.months))
    return 0  # a report: old dates are reminders, never a failure


def _serve(args) -> int:
    import os
    from .build import EngineMissing, engine_environment, serve_command
    try:
        command = serve_command(args.root, args.engine, args.dev_addr)
    except EngineMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    os.environ.update(engine_environment(args.root))
    # The server watches sitegen/ (mkdocs.yml `watch:`): a .pyc written there would rebuild once more.
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    os.chdir(args.root)
    os.execv(command[0], command)
    return 0  # not reached


def _links(args) -> int:
    from . import stable_links
    from .data import load_all
    site_data = load_all(args.root / "data")
    manifest = args.root / stable_links.MANIFEST_NAME
    if args.write:
        count = stable_links.write_manifest(manifest, args.site, site_data)
        print(f"{manifest.name}: {count} links")
        return 0
    return stable_links.check(manifest, args.site, site_data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen", description="Build tooling for the guide.")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: the current one)")
    commands = parser.add_subparsers(dest="command")

    gen = commands.add_parser("generate", help="validate data and write every generated file that changed")
    gen.add_argument("--check", action="store_true", help="write nothing; exit 1 if a generated file is stale")
    gen.set_defaults(run=_generate)

    commands.add_parser("data-check", help="validate data only").set_defaults(run=_data_check)

    build = commands.add_parser("build", help="generate, then build the site with an engine")
    build.add_argument("--engine", default="mkdocs")
    build.add_argument("--site-dir", type=Path, default=Path("site"))
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="serve the generated tree with an engine's dev server")
    serve.add_argument("--engine", default="mkdocs")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(run=_serve)

    review = commands.add_parser("review", help="list records and pages last checked more than --months ago")
    review.add_argument("--months", type=int, default=6)
    review.add_argument("--today", help="YYYY-MM-DD (default: today)")
    review.set_defaults(run=_review)

    links = commands.add_parser("links", help="check (or --write) stable-links.txt against a built site")
    links.add_argument("--site", type=Path, default=Path("site"))
    links.add_argument("--write", action="store_true")
    links.set_defaults(run=_links)

    args = parser.parse_args(argv)
    if args.command is None:  # plain `python -m sitegen` generates
        args = parser.parse_args(["generate", *(argv or [])])
    args.root = args.root.resolve()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
