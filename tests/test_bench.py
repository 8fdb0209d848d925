"""The benchmark script's report: budgets flagged, README section replaced in place."""

from pathlib import Path

from sitegen import bench


def row(page, first, repeat):
    return {"page": page, "html": 40_000, "html_gz": 9_000, "first": first, "repeat": repeat,
            "requests": 8, "grade": 7.0, "words": 500}


def test_report_flags_pages_over_budget(tmp_path):
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text("{}")
    text = bench.report([row("/", 80 * 1024, 8 * 1024), row("/big/", 95 * 1024, 30 * 1024)], 1.5, tmp_path)
    lines = text.splitlines()
    assert "| `/` | 39.1 | 8.8 | 80.0 | 8.0 | 8 | 7.0 |" in lines
    assert "| `/big/` | 39.1 | 8.8 | 95.0 OVER | 30.0 OVER | 8 | 7.0 |" in lines
    assert lines[-1].endswith("Pages over budget: 1 of 2.")


def test_readme_section_is_replaced_between_markers(tmp_path, monkeypatch):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{bench.START}\nold figures\n{bench.END}\noutro\n")
    monkeypatch.setattr(bench, "ROOT", Path(tmp_path))
    bench.write_readme("new figures")
    assert readme.read_text() == f"intro\n{bench.START}\nnew figures\n{bench.END}\noutro\n"
