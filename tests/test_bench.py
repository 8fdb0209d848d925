"""The benchmark's report: budgets and targets flagged, README section replaced in place."""

import shutil
from pathlib import Path

import yaml

from conftest import ROOT
from sitegen import bench


def weight(page, first, repeat):
    return {"page": page, "html": 40_000, "html_gz": 9_000, "first": first, "repeat": repeat,
            "requests": 8, "grade": 7.0, "words": 500}


def paint_row(page, fcp, floor, tbt, cls):
    row = bench.PaintRow(page)
    row.site = [{"fcp": fcp, "lcp": fcp + 100, "tbt": tbt, "cls": cls}] * 3
    row.floor = [{"fcp": floor, "lcp": floor, "tbt": 10, "cls": 0}] * 3
    return row


def figures(reference=True):
    seconds = {(e, 1): 1.0 for e in bench.ENGINES} | {(e, bench.SCALE): 6.0 for e in bench.ENGINES}
    records = {("project", 1): 600, ("project", bench.SCALE): 6000}
    if reference:
        seconds |= {(bench.REFERENCE, 1): 2.0, (bench.REFERENCE, bench.SCALE): 9.0}
        records |= {(bench.REFERENCE, 1): 300, (bench.REFERENCE, bench.SCALE): 3000}
    engine_alone = {(e, 1): 0.5 for e in bench.ENGINES} | {(e, bench.SCALE): 2.5 for e in bench.ENGINES}
    rebuild = {(e, 1): 0.75 for e in bench.ENGINES} | {(e, bench.SCALE): 5.0 for e in bench.ENGINES}
    return bench.BuildFigures(seconds, records, engine_alone, rebuild)


def test_report_flags_what_misses_its_budget_or_target():
    builds = figures()
    weights = {"mkdocs": [weight("/", 80 * 1024, 8 * 1024), weight("/big/", 95 * 1024, 30 * 1024)]}
    paints = [paint_row("/", 800, 700, 20, 0.0), paint_row("/slow/", 1000, 700, 80, 0.02)]
    lines = bench.report(builds, weights, paints, runs=3).splitlines()
    assert "| mkdocs (deploys) | 600 / 6,000 | 1.00 | 6.00 | 6.0 | 1.00 | 0.50 / 2.50 | 0.75 / 5.00 |" in lines
    assert (f"| reference: `{bench.REFERENCE_COMMIT}` on mkdocs, the tree issue 9 measured | 300 / 3,000 | "
            "2.00 | 9.00 | 4.5 | 3.00 | – | – |") in lines
    assert any("here 2.00 and 9.00 s in this run" in line for line in lines)
    assert "| `/` | 0.80 | 0.70 | 1.14 | 0.90 | 20 | 10 | 0.000 |" in lines
    assert "| `/slow/` | 1.00 | 0.70 | 1.43 OVER | 1.10 | 80 OVER | 10 | 0.020 OVER |" in lines
    assert "| `/big/` | 39.1 | 8.8 | 95.0 OVER | 30.0 OVER | 8 | 7.0 |" in lines
    assert any("Pages missing a target: 1 of 2." in line for line in lines)
    assert any("pages over budget: 1 of 2." in line for line in lines)


def test_without_the_history_the_report_says_the_reference_is_missing():
    text = bench.report(figures(reference=False), {}, None, runs=3)
    assert "reference:" not in text and f"`git archive {bench.REFERENCE_COMMIT}` needs" in text


def test_the_reference_tree_comes_from_git_and_grows_like_the_project(tmp_path):
    one = bench.reference_copy(tmp_path / "x1")
    if one is None:
        assert (ROOT / ".git" / "shallow").exists(), "git archive failed in a full clone"
        return  # a shallow clone: the report says so (test above)
    ten = bench.reference_copy(tmp_path / "x10", scale=bench.SCALE)
    assert (one / "scripts" / "build_tables.py").is_file()
    systems = [yaml.safe_load((tree / "data" / "systems.yaml").read_text()) for tree in (one, ten)]
    assert len(systems[1]) == bench.SCALE * len(systems[0])
    assert bench.record_count(ten / "data") > bench.record_count(one / "data")


def test_the_benchmark_measures_the_engine_that_deploys():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    assert workflow["env"]["DEPLOY_ENGINE"] == bench.DEPLOY_ENGINE


def test_readme_section_is_replaced_between_markers(tmp_path, monkeypatch):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{bench.START}\nold figures\n{bench.END}\noutro\n")
    monkeypatch.setattr(bench, "ROOT", Path(tmp_path))
    bench.write_readme("new figures")
    assert readme.read_text() == f"intro\n{bench.START}\nnew figures\n{bench.END}\noutro\n"


def test_the_synthetic_copy_has_ten_times_the_records(tmp_path):
    from sitegen.data import load_all
    project = bench.project_copy(tmp_path / "p", scale=bench.SCALE)
    grown, today = load_all(project / "data"), load_all(ROOT / "data")
    assert len(grown.records("systems")) == bench.SCALE * len(today.records("systems"))
    assert len(grown.records("redirects")) == len(today.records("redirects"))


def task(ts_ms, dur_ms, pid=1, tid=1):
    return {"name": bench.TASK_EVENT, "ph": "X", "pid": pid, "tid": tid, "ts": ts_ms * 1000, "dur": dur_ms * 1000}


def test_blocking_time_counts_the_page_threads_top_level_tasks_after_first_paint_beyond_50_ms():
    fcp = {"name": bench.FCP_EVENT, "ph": "R", "pid": 1, "tid": 1, "ts": 1000 * 1000}
    events = [
        task(700, 200),            # before first paint: not counted
        task(950, 150),            # straddles it: 100 ms after, so 50 count
        task(1200, 40),            # short: nothing
        task(1300, 120),           # 70
        task(1310, 90),            # nested in the one before: not counted again
        task(1500, 300, pid=2),    # another process (a worker, another tab): not the page's
        fcp,
    ]
    assert bench.blocking_ms(events) == 120
    assert bench.blocking_ms([e for e in events if e is not fcp]) == 0  # no paint, nothing to measure from


def test_blocking_time_sees_the_layout_of_a_long_page(chromium, tmp_path):
    """A page with no script, whose table the browser lays out as it arrives. Chromium's
    `longtask` entries, which the bench used to read, gave 0 and 42 ms for it (and 0 ms
    for every page of the site), while its trace holds 600-700 ms of tasks over 50 ms."""
    from sitegen.pages_server import serve

    words = "generative models produce new text images audio and code from patterns".split()
    cells = "".join(f"<td>{' '.join(words[j:] + words[:j])}</td>" for j in range(8))
    (tmp_path / "index.html").write_text(
        '<!doctype html><meta name="viewport" content="width=device-width"><title>t</title>'
        f"<h1>A long table</h1><table>{f'<tr>{cells}</tr>' * 400}</table>")
    with serve(tmp_path, "/t/") as base:
        result = bench.paint(chromium, base)
    assert result["fcp"] > 0
    assert result["tbt"] > bench.LONG_TASK_MS


def test_a_rebuild_starts_with_a_real_data_edit_that_keeps_the_data_valid(tmp_path):
    """A rebuild that changed nothing would let an engine's page cache (Zensical's) skip the work."""
    from sitegen import data

    shutil.copytree(ROOT / "data", tmp_path / "data")
    dataset, name = bench.EDITED
    read = lambda: yaml.safe_load((tmp_path / "data" / f"{dataset}.yaml").read_text(encoding="utf-8"))  # noqa: E731
    before = read()
    seen = {before[0][name]}
    for edit in range(3):
        bench.edit_one_record(tmp_path / "data", edit)
        after = read()
        assert after[1:] == before[1:] and after[0][name] not in seen
        seen.add(after[0][name])
    assert data.load_all(tmp_path / "data", docs_dir=ROOT / "docs").datasets[dataset].records[0][name] == after[0][name]
