"""The Pages workflow: least privilege, pinned actions, same build as `make build`."""

import re

import yaml

from conftest import ROOT

WORKFLOW = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
TEXT = (ROOT / ".github/workflows/pages.yml").read_text()


def test_permissions_are_limited():
    assert WORKFLOW["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_every_action_is_pinned_to_a_full_sha_with_a_version_comment():
    uses = re.findall(r"uses:\s*(\S+)(.*)", TEXT)
    assert uses
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
        assert re.search(r"#\s*v\d", comment), f"{ref}: no version comment"


def test_pull_requests_build_and_main_deploys():
    triggers = WORKFLOW[True]  # YAML 1.1 reads the key `on` as True
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert "concurrency" in WORKFLOW
    assert "make build" in [s.get("run") for s in WORKFLOW["jobs"]["build"]["steps"]]
    assert "refs/heads/main" in WORKFLOW["jobs"]["deploy"]["if"]
    assert any("deploy-pages" in s.get("uses", "") for s in WORKFLOW["jobs"]["deploy"]["steps"])
