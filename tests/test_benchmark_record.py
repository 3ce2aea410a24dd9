"""``benchmarks.record`` appends one traceable line per run: when, which commit (dirty or not), which machine."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime

from benchmarks.record import record


def _git(repo, *command):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *command], cwd=repo, check=True,
                   capture_output=True)  # fmt: skip


def _checkout(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "code.py").write_text("x = 1\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "code.py")
    _git(repo, "commit", "-q", "-m", "one")
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True)
    return repo, head.stdout.strip()


def test_a_record_names_the_benchmark_its_date_commit_machine_args_and_result(tmp_path):
    repo, head = _checkout(tmp_path)
    results = repo / "results.jsonl"
    record("load_test", {"sessions": 2}, {"p50_ms": 41.3}, path=results, repo=repo)
    (line,) = [json.loads(text) for text in results.read_text().splitlines()]
    assert set(line) == {"benchmark", "date", "commit", "machine", "args", "result"}
    assert (line["benchmark"], line["args"], line["result"]) == ("load_test", {"sessions": 2}, {"p50_ms": 41.3})
    assert datetime.fromisoformat(line["date"]).utcoffset().total_seconds() == 0
    # The results file is new in the tree, but it is the log, not the code measured: still clean.
    assert line["commit"] == head
    assert set(line["machine"]) == {"cores", "load", "platform"}
    assert len(line["machine"]["load"]) == 3


def test_a_changed_checkout_is_marked_dirty_and_each_run_appends(tmp_path):
    repo, head = _checkout(tmp_path)
    results = repo / "results.jsonl"
    record("timeline_timing", {}, {}, path=results, repo=repo)
    (repo / "code.py").write_text("x = 2\n")
    record("timeline_timing", {}, {}, path=results, repo=repo)
    commits = [json.loads(text)["commit"] for text in results.read_text().splitlines()]
    assert commits == [head, f"{head}+dirty"]


def test_outside_a_checkout_the_commit_is_unknown(tmp_path):
    line = record("extraction_quality", {}, {}, path=tmp_path / "r.jsonl", repo=tmp_path)
    assert line["commit"] == "unknown"
