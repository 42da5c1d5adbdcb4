"""Ingest: decoding, normalisation with exact offsets, clutter removal, JSONL, folders, corpora
(HTML, PDF and DOCX files: test_ingest_formats.py)."""
from __future__ import annotations

import glob
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import (
    decode_bytes,
    from_text,
    iter_inputs,
    iter_jsonl,
    load_source,
    normalise,
    strip_clutter,
)
from kg.records import SourceText

REPORT = "2024年法治政府建设工作报告\n一、主要成效\n全年召开专题会议4次，办结率达到100%。\n二、存在的不足\n"


def _shared() -> Path | None:
    for base in (Path(__file__).resolve().parents[2] / "shared", Path("/work/shared")):
        if (base / "corpus").is_dir():
            return base
    return None


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _clean(text: str) -> str:
    return from_text(text).text


# ------------------------------------------------------------------ decoding

@pytest.mark.parametrize(("encode", "expected"), [
    (lambda s: s.encode("utf-8"), "utf-8"),
    (lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
    (lambda s: s.encode("utf-16"), "utf-16-le"),                      # BOM, native little-endian
    (lambda s: b"\xfe\xff" + s.encode("utf-16-be"), "utf-16-be"),
    (lambda s: s.encode("utf-16-le"), "utf-16-le"),                   # no BOM: NULs at odd bytes
    (lambda s: s.encode("utf-16-be"), "utf-16-be"),                   # no BOM: NULs at even bytes
    (lambda s: s.encode("utf-32"), "utf-32-le"),
    (lambda s: s.encode("gbk"), "gb18030"),
    (lambda s: s.encode("gb18030"), "gb18030"),
])
def test_every_encoding_is_detected(tmp_path: Path, encode, expected: str) -> None:
    path = _write(tmp_path, "report.txt", encode(REPORT))
    source = load_source(path)
    assert source.encoding == expected
    assert source.original == REPORT
    assert source.text.startswith("2024年法治政府建设工作报告\n一、主要成效\n全年召开专题会议4次,办结率")


def test_decode_bytes_reports_gb18030_for_gbk() -> None:
    assert decode_bytes("鄂州市司法局".encode("gbk"), "x.txt") == ("鄂州市司法局", "gb18030")


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \r\n\t\n", "empty"),
    ("blank16.txt", "\ufeff \u3000\n".encode("utf-16"), "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary"),
    ("controls.txt", bytes(range(1, 9)) * 50, "binary"),
    ("latin.txt", b"\x81\x20\x81\x20\xff\xfe\x80" * 10, "cannot be decoded"),
    ("cut.txt", "法治政府建设工作报告".encode() + b"\xe5\x9b" + "全年召开会议".encode(), "not valid UTF-8"),
])
def test_bad_bytes_raise_input_error_naming_the_file(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(InputError) as err:
        load_source(path)
    assert name in str(err.value)
    assert problem in str(err.value)


def test_missing_folder_unsupported_and_unreadable_files(tmp_path: Path, monkeypatch) -> None:
    cases = {
        str(tmp_path / "nowhere.txt"): "no such file",
        str(tmp_path): "folder",
        str(_write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0")): ".doc",
        str(_write(tmp_path, "sheet.xlsx", b"PK")): "'.xlsx'",
        str(_write(tmp_path, "corpus.jsonl", b"{}")): "JSON Lines",
    }
    for path, problem in cases.items():
        with pytest.raises(InputError) as err:
            load_source(path)
        assert str(err.value).startswith(path)
        assert problem in str(err.value)
    assert ".docx" in str(pytest.raises(InputError, load_source, tmp_path / "sheet.xlsx").value)

    locked = _write(tmp_path, "locked.txt", REPORT.encode())

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match="locked.txt: permission denied"):
        load_source(locked)


# ------------------------------------------------------------- normalisation

@pytest.mark.parametrize(("raw", "expected"), [
    ("（一）加强领导：全年１２次；", "(一)加强领导:全年12次;"),
    ("“放管服”改革、《条例》。", "“放管服”改革、《条例》。"),
    ("会议 1 次，会议　２　次", "会议1次,会议2次"),
    ("第一行\r\n第二行\r第三行\n", "第一行\n第二行\n第三行"),
    ("行尾空格   \n\t缩进一行", "行尾空格\n缩进一行"),
    ("甲\n\n\n\n\n乙\n\n\n丙", "甲\n\n乙\n\n\n丙"),
    ("某某区委          某某区政府", "某某区委\n某某区政府"),
    ("an  English  phrase 2025 year", "an  English  phrase 2025 year"),
    ("零\u200b宽\ufeff字符\u00a0和 nbsp", "零宽字符和 nbsp"),
    ("1 9 9 7 年粮食产量达到4 9 2 5 0 万吨", "1997年粮食产量达到49250万吨"),   # typeset with spaced digits
    ("装机容量达到2 ．5 亿千瓦", "装机容量达到2.5亿千瓦"),
    ("2024 2025 两年", "2024 2025两年"),                                        # whole numbers stay apart
])
def test_normalise_examples(raw: str, expected: str) -> None:
    text, offsets = normalise(raw)
    assert text == expected
    assert len(offsets) == len(text)


def test_offsets_point_at_the_original_characters() -> None:
    raw = "　　全年办理案件　１２　件（同比增长５％）"
    text, offsets = normalise(raw)
    assert text == "全年办理案件12件(同比增长5%)"
    assert [raw[o] for o in offsets] == list("全年办理案件１２件（同比增长５％）")


_ALPHABET = list("报告会议全年次件中文") + list("０１２３４５６７８９（），：；％ＡＢ") + list("0123456789abc ()%") + [
    " ", " ", "\u3000", "\u00a0", "\t", "\r", "\n", "\n", "\u200b", "。", "、", "“", "”", "《", "》", "…", "①", "㎡"]
_SPACE_LIKE = set(" \t\u3000\u00a0\r\n")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=300))
def test_offsets_property(raw: str) -> None:
    text, offsets = normalise(raw)
    assert len(offsets) == len(text)
    assert offsets == sorted(offsets)
    for char, o in zip(text, offsets):
        source = raw[o]
        assert char in unicodedata.normalize("NFKC", source) or (char in " \n" and source in _SPACE_LIKE)
    kept = "".join(unicodedata.normalize("NFKC", c) for c in raw if c not in _SPACE_LIKE and c != "\u200b")
    assert "".join(text.split()) == "".join(kept.split())


def test_original_span_maps_back_after_clutter_is_gone() -> None:
    raw = "下载\n打印\n【字号：\n加大\n还原\n减小\n】\n来源：某某日报\n（一）全年办理案件　１２　件。\n"
    source = from_text(raw)
    assert source.text == "(一)全年办理案件12件。"
    start = source.text.index("案件")
    a, b = source.original_span(start, start + 5)
    assert raw[a:b] == "案件　１２　件"


def test_normalise_keeps_an_offset_for_every_character_of_a_long_text() -> None:
    # its speed (linear in the text) is measured in benchmarks/bench_ingest.py
    raw = ("全年召开会议　１２　次，  办结率１００％。   \r\n" * 40_000)
    text, offsets = normalise(raw)
    assert len(text) == len(offsets) and text.count("\n") >= 39_999
    assert offsets == sorted(offsets) and offsets[-1] < len(raw)


# ----------------------------------------------------------- clutter removal

def test_widgets_and_header_metadata_are_removed() -> None:
    raw = ("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年某省政府工作报告\n"
           "来源：某某日报\n时间：2026-02-09\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n相关报道：")
    source = from_text(raw)
    assert source.text == "2026年某省政府工作报告\n各位代表:\n现在,我代表省人民政府向大会报告工作。"
    assert source.meta == {"source_name": "某某日报", "published": "2026-02-09"}


@pytest.mark.parametrize("crumb", [
    "当前位置:首页 > 政务动态 > 通知公告",
    "当前位置:\n首页\n> 政务动态 > 通知公告",
    "您的位置:\n首页\n>\n要闻\n要闻",
    "首页\n>\n政府信息公开\n>\n工作报告",
    "> 政务动态 > 通知公告",
])
def test_breadcrumbs(crumb: str) -> None:
    assert _clean(crumb + "\n某某区2024年工作报告\n一、主要成效") == "某某区2024年工作报告\n一、主要成效"


def test_metadata_lines_split_or_combined() -> None:
    combined = from_text("发布时间:2025-01-05 10:30 来源:某某区司法局 浏览次数:12 字体:[大 中 小]\n一、主要成效")
    assert combined.text == "一、主要成效"
    assert combined.meta == {"published": "2025-01-05", "source_name": "某某区司法局"}
    split = from_text("发表时间：\n2025-01-05 09:45:30\n来源：\n某某日报客户端\n阅读量：\n【字体：\n小\n中\n大\n】\n正文第一段。")
    assert split.text == "正文第一段。"
    assert split.meta == {"published": "2025-01-05", "source_name": "某某日报客户端"}
    bare = from_text("某某报告\n2025年01月05日 07时41分\n正文。")
    assert (bare.text, bare.meta) == ("某某报告\n正文。", {"published": "2025-01-05"})


def test_dates_deep_in_the_body_and_dates_without_time_stay() -> None:
    body = "\n".join(f"第{i}段工作内容。" for i in range(20))
    source = from_text("某某报告\n2025年3月1日\n" + body + "\n时间:2025-01-05\n结尾。")
    assert "2025年3月1日" in source.text and "时间:2025-01-05" in source.text
    assert "published" not in source.meta


def test_trailers_captions_and_editors() -> None:
    raw = ("某某报告\n某某作政府工作报告。本报记者 张三 摄\n各位代表：\n正文一。\n正文二。\n"
           "（来源：某某日报）\n责任编辑：\n李四\n扫一扫在手机打开当前页\n相关链接>>\n"
           "0123456789abcdef0123456789abcdef:\n另一篇文章的标题\n【\n打印本页\n】\n【\n关闭窗口\n】")
    source = from_text(raw)
    assert source.text == "某某报告\n各位代表:\n正文一。\n正文二。"
    assert source.meta == {"source_name": "某某日报"}
    assert _clean("正文。\n\n(编辑:某某新区\nCopyright © 2025 某某网 版权所有\n鲁ICP备12345678号") == "正文。"


def test_licence_trailer_is_cut_but_long_text_after_a_cue_is_kept() -> None:
    licence = "\n本作品是中华人民共和国的\n法律\n、\n法规\n。\nPublic domain\nfalse\nfalse"
    assert _clean("各位代表:\n正文。" + licence) == "各位代表:\n正文。"
    long_line = "延伸阅读之后仍是正文," + "这一段很长的报告内容" * 10 + "。"
    assert _clean("正文。\n延伸阅读:\n" + long_line).endswith(long_line)


def test_report_content_is_never_taken_for_clutter() -> None:
    raw = ("一、主要成效\n大\n中小企业服务中心挂牌成立。\n让群众更多分享改革发展成果。\n"
           "推动“老字号”焕发新活力,相关报道总点击量超1亿次。\n下一步工作打算\n二、打印设备采购\n首页\n")
    assert _clean(raw) == raw.strip().replace(",", ",")


_HEAD_CLUTTER = [["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】"], ["【字体：", "大", "中", "小", "】"],
                 ["分享到：", "分享到微信"], ["您的位置:", "首页", ">", "要闻"], ["首页", ">", "信息公开", ">", "工作报告"],
                 ["当前位置：首页 > 政务动态 > 通知公告"], ["来源：某某日报"], ["时间：2025-02-01"], ["浏览次数：12"],
                 ["【字体：大 中 小】"], ["发布时间：2025-02-01 10:30"], ["扫一扫在手机打开当前页"], ["|", "×"]]
_BODY_CLUTTER = ["【打印本页】【关闭窗口】", "打印本页", "关闭窗口", "上一篇：某某通知", "下一篇：某某公告",
                 "鲁ICP备12345678号", "- 3 -", "第 2 页 共 5 页"]
_TAIL_CLUTTER = ["（来源：某某日报）", "编辑：张三", "责任编辑：李四", "Copyright © 2025 某某网 版权所有", "相关报道："]
_TRAILERS = [[], ["相关链接>>", "某某链接的标题", "打印本页"], ["本作品是中华人民共和国的", "法律", "Public domain", "false"]]
_CONTENT = ["各位代表：", "一、主要成效", "（一）加强组织领导", "全年办理案件　１２　件。", "让群众更多分享改革发展成果。",
            "中小企业服务中心挂牌成立。", "推动“老字号”焕发新活力。", "下一步工作打算", "2025年3月1日",
            "某某区委          某某区政府", "扫码办理率达到95%。", "二、打印设备采购", "（二）相关报道工作"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_HEAD_CLUTTER), max_size=6),
       st.lists(st.one_of(st.sampled_from(_CONTENT), st.sampled_from(_BODY_CLUTTER)), max_size=25),
       st.lists(st.sampled_from(_TAIL_CLUTTER), max_size=8),
       st.sampled_from(_TRAILERS),
       st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_pages_keep_every_content_line_and_exact_offsets(head, body, tail, trailer, newline) -> None:
    raw = newline.join([line for group in head for line in group] + body + tail + trailer)
    wanted = [normalise(line)[0] for line in body if line in _CONTENT]
    if not wanted:
        return
    source = from_text(raw)
    assert "\n".join(wanted) == "\n".join(line for line in source.text.split("\n") if line)
    assert len(source.offsets) == len(source.text) and source.offsets == sorted(source.offsets)
    for char, o in zip(source.text, source.offsets):
        assert char in unicodedata.normalize("NFKC", raw[o]) or (char in " \n" and raw[o] in _SPACE_LIKE)


def test_strip_clutter_keeps_offsets_of_its_input() -> None:
    text = "打印\n来源:某某日报\n一、工作成效"
    cleaned, offsets, meta = strip_clutter(text, [10 * i for i in range(len(text))])
    assert cleaned == "一、工作成效"
    assert offsets == [10 * text.index("一、工作成效") + 10 * i for i in range(len(cleaned))]
    assert meta == {"source_name": "某某日报"}


# ------------------------------------------------------------ JSONL, folders

def test_jsonl_yields_good_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    good = {"title": "某某报告", "year": 2025, "url": "http://example.org/1", "province": "某省",
            "published": "2025-03-01", "content": "下载\n打印\n时间:2025-02-01\n各位代表:\n正文 1 段。", "extra": 1}
    lines = [
        json.dumps(good, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "无正文"}),
        "",
        json.dumps({"content": "   "}),
        json.dumps(["a", "list"]),
        json.dumps({"content": "<div class='nav'>首页</div><p>网页正文。</p>", "year": "2024"}),
    ]
    path = _write(tmp_path, "reports.jsonl", "\n".join(lines).encode())
    items = list(iter_jsonl(path))
    assert [type(i).__name__ for i in items] == ["SourceText", "InputError", "InputError", "InputError",
                                                 "InputError", "SourceText"]
    first, last = items[0], items[-1]
    assert isinstance(first, SourceText) and isinstance(last, SourceText)
    assert first.source == f"{path}:1" and first.text == "各位代表:\n正文1段。"
    assert first.meta == {"title": "某某报告", "year": "2025", "url": "http://example.org/1", "province": "某省",
                          "published": "2025-03-01"}
    assert [str(e).split(": ")[0] for e in items[1:5]] == [f"{path}:{n}" for n in (2, 3, 5, 6)]
    assert "line 2 is not valid JSON" in str(items[1]) and "content" in str(items[2])
    assert (last.source, last.format, last.text, last.meta) == (f"{path}:7", "html", "网页正文。", {"year": "2024"})


def test_iter_inputs_walks_folders_in_order_and_never_raises(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    _write(folder, "2.txt", "二号报告正文。".encode("gbk"))
    _write(folder, "1.md", "一号报告正文。".encode())
    _write(folder / "sub", "3.html", "<p>三号报告正文。</p>".encode())
    _write(folder, "c.jsonl", b'{"content": "\xe7\xac\xac\xe4\xb8\x80"}\n{"content": ""}\n')
    _write(folder, "old.doc", b"\xd0\xcf\x11\xe0")
    _write(folder, "sheet.xls", b"\xd0\xcf\x11\xe0")
    _write(folder, ".hidden.txt", b"hidden")
    _write(folder / ".git", "HEAD.txt", b"ref")
    _write(folder, "empty.txt", b"")
    items = list(iter_inputs([folder, tmp_path / "missing.txt"]))
    summary = [(Path(i.source).name, type(i).__name__) for i in items]
    assert summary == [("1.md", "SourceText"), ("2.txt", "SourceText"), ("c.jsonl:1", "SourceText"),
                       ("c.jsonl:2", "InputError"), ("empty.txt", "InputError"), ("old.doc", "InputError"),
                       ("3.html", "SourceText"), ("missing.txt", "InputError")]
    second, html = items[1], items[6]
    assert isinstance(second, SourceText) and isinstance(html, SourceText)
    assert second.encoding == "gb18030" and html.text == "三号报告正文。"


# ------------------------------------------------------------ shared corpora

@pytest.mark.skipif(_shared() is None, reason="shared corpus not present")
def test_all_corpus_reports_load_with_text() -> None:
    shared = _shared()
    assert shared is not None
    items = list(iter_inputs(sorted(glob.glob(str(shared / "corpus" / "*.jsonl")))))
    assert len(items) == 103                 # load time: benchmarks/bench_ingest.py
    for item in items:
        assert isinstance(item, SourceText) and item.text.strip(), item
        assert len(item.offsets) == len(item.text)
        head = "\n".join(item.text.split("\n")[:10])
        for widget in ("打印", "收藏", "【字号", "当前位置", "来源:", "Public domain"):
            assert widget not in head, (item.source, widget)
        assert "相关报道" not in item.text[-200:] and "Public domain" not in item.text


@pytest.mark.skipif(_shared() is None, reason="shared seeds not present")
def test_seed_reports_lose_their_page_furniture() -> None:
    shared = _shared()
    assert shared is not None
    for path in sorted((shared / "seeds").glob("*.txt")):
        source = load_source(path)
        lines = source.text.split("\n")
        assert not any(w in "\n".join(lines[:10]) for w in ("当前位置", "发布日期", "浏览次数", "分享"))
        assert not any(w in "\n".join(lines[-10:]) for w in ("编辑:", "打印", "关闭"))
        if "发布日期" in source.original[:500]:
            assert len(source.meta["published"]) == 10


def test_a_stray_nul_in_a_corpus_line_loses_that_line_only(tmp_path: Path) -> None:
    good = json.dumps({"content": "某县2023年法治政府建设工作报告\n一、主要工作\n全年办理案件12件。"}, ensure_ascii=False)
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(good.encode() + b"\n\x00\n" + good.replace("12", "15").encode() + b"\n")
    items = list(iter_inputs([str(corpus)]))
    texts = [i for i in items if isinstance(i, SourceText)]
    assert len(texts) == 2 and len(items) == 3          # the NUL line is its own error
