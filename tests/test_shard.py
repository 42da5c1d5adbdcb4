"""kg build --shard I/N: N slices of the inputs, disjoint, that together are the unsharded build."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import UsageError
from kg.shard import Shard, parse_shard, shard_of

PLACES = ["青山县", "白水县", "红岭区", "金沙市", "石桥镇", "柳河县", "云台区", "松江县", "鹿鸣市", "安平县"]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Ten short reports in a corpus, and two more as files in a folder."""
    lines = [json.dumps({"title": f"{place}2024年法治政府建设情况报告", "year": 2024,
                         "content": f"{place}司法局牵头开展普法宣传活动{n + 3}场,{place}人民政府印发《依法行政工作要点》。"},
                        ensure_ascii=False) for n, place in enumerate(PLACES)]
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "a.txt").write_text("东风乡人民政府组织开展法治讲座5场。", encoding="utf-8")
    (folder / "b.txt").write_text("西岭县住房城乡建设局完成执法检查12次。", encoding="utf-8")
    return tmp_path


def quads(path: Path) -> set[ox.Quad]:
    return set(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def graphs(found: set[ox.Quad]) -> set[str]:
    return {str(q.graph_name) for q in found}


def test_slices_are_disjoint_and_together_are_the_whole_build(corpus: Path) -> None:
    inputs = [str(corpus / "corpus.jsonl"), str(corpus / "more")]
    assert main(["build", *inputs, "-o", str(corpus / "all.nq"), "-q", "--jobs", "1"]) == 0
    whole = quads(corpus / "all.nq")
    slices = []
    for i in (1, 2, 3):
        out = corpus / f"shard{i}.nq"
        code = main(["build", *inputs, "-o", str(out), "-q", "--jobs", "1", "--shard", f"{i}/3"])
        slices.append(quads(out) if code == 0 else set())
    named = [graphs(s) for s in slices]
    assert all(not (named[a] & named[b]) for a in range(3) for b in range(a + 1, 3))
    assert set().union(*slices) == whole and sum(len(n) for n in named) == len(graphs(whole)) == 12
    assert sum(1 for n in named if n) >= 2          # twelve reports do not all hash to one slice


def test_a_slice_does_not_depend_on_paths_or_order(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    main(["build", str(corpus / "more"), str(corpus / "corpus.jsonl"), "-o", str(corpus / "x.nq"), "-q",
          "--shard", "2/3"])
    monkeypatch.chdir(corpus)
    main(["build", "corpus.jsonl", "more", "-o", "y.nq", "-q", "--shard", "2/3"])
    assert graphs(quads(corpus / "x.nq")) == graphs(quads(corpus / "y.nq"))


def test_shard_of_is_stable_and_in_range() -> None:
    # SHA-256 of the bytes, so the same on every machine: a fixed value checks that nobody swaps in hash()
    assert shard_of(b"", 4) == int.from_bytes(bytes.fromhex("e3b0c44298fc1c14"), "big") % 4 + 1
    assert {shard_of(str(n).encode(), 5) for n in range(200)} == {1, 2, 3, 4, 5}
    assert Shard(1, 1).index == 1 and parse_shard(" 3 / 8 ") == Shard(3, 8)


@pytest.mark.parametrize("text", ["0/3", "4/3", "1", "a/b", "1/0", "-1/2"])
def test_a_bad_shard_is_a_usage_error(text: str, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UsageError, match="I/N"):
        parse_shard(text)
    assert main(["build", str(corpus / "more"), "-o", str(corpus / "z.nq"), "--shard", text]) == 2
    assert "--shard" in capsys.readouterr().err
