"""The Pages workflow: least privilege per job, no persisted credentials, the same tests as .ci/run."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

PATH = ROOT / ".github/workflows/pages.yml"
WORKFLOW = yaml.safe_load(PATH.read_text())
TEXT = PATH.read_text()
JOBS = WORKFLOW["jobs"]


def test_only_the_deploy_job_can_write():
    assert WORKFLOW["permissions"] == {}
    for name, job in JOBS.items():
        expected = {"pages": "write", "id-token": "write"} if name == "deploy" else {"contents": "read"}
        assert job["permissions"] == expected, name
    assert not any("run" in step for step in JOBS["deploy"]["steps"]), "the job with a write token runs no code of ours"


def test_checkout_never_persists_credentials():
    checkouts = [s for job in JOBS.values() for s in job["steps"] if "actions/checkout" in s.get("uses", "")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_every_action_is_pinned_to_a_full_sha_with_a_version_comment():
    uses = re.findall(r"uses:\s*(\S+)(.*)", TEXT)
    assert uses
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
        assert re.search(r"#\s*v\d", comment), f"{ref}: no version comment"


def test_pull_requests_run_the_same_tests_as_ci_and_main_deploys():
    triggers = WORKFLOW[True]  # YAML 1.1 reads the key `on` as True
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert "concurrency" in WORKFLOW
    assert "if" not in JOBS["test"], "tests run on every event, pull requests included"
    assert ".ci/run" in [s.get("run") for s in JOBS["test"]["steps"]]
    assert JOBS["build"]["needs"] == "test" and JOBS["deploy"]["needs"] == "build"
    assert "refs/heads/main" in JOBS["build"]["if"]
    assert any("deploy-pages" in s.get("uses", "") for s in JOBS["deploy"]["steps"])


def test_zizmor_finds_nothing():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    assert zizmor, "zizmor is in requirements-dev.txt"
    result = subprocess.run([zizmor, "--offline", "--no-progress", "--format", "plain", str(PATH)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr
