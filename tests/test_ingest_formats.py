"""Ingest of formatted files: HTML pages (article kept, page furniture dropped), PDF and DOCX."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import html_to_text, load_source


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html><head><title>2024年法治政府建设工作报告_某某区人民政府</title>
<meta charset="utf-8"><script>var x = "<p>脚本里的段落</p>";</script><style>p { color: red }</style></head>
<body><div class="header">网站首页 | 政务公开</div>
<div id="nav"><ul><li>首页</li><li>通知公告</li></ul></div>
<div class="breadcrumb">当前位置:首页 &gt; 通知公告</div>
<div class="main">
 <div class="TRS_Editor">
  <p>一、主要成效</p>
  <p>全年召开专题会议&nbsp;4&nbsp;次,
     办结率100%。</p>
  <p>页面上写着&lt;script&gt;alert(1)&lt;/script&gt;也只是文字。<br>换行之后。</p>
  <table><tr><td>指标</td><td>数值</td></tr><tr><td>案件</td><td>12件</td></tr></table>
  <div style="display: none">隐藏的文字</div>
 </div>
 <div class="share">分享到:微信 微博</div>
</div>
<footer>版权所有 某某区人民政府</footer><div id="footer">网站标识码 0000000000</div>
</body></html>"""


def test_html_keeps_the_article_and_drops_page_furniture() -> None:
    text = html_to_text(PAGE)
    lines = text.split("\n")
    assert lines[0] == "2024年法治政府建设工作报告"
    assert "一、主要成效" in lines
    assert "页面上写着<script>alert(1)</script>也只是文字。" in lines
    assert "指标 | 数值" in lines and "案件 | 12件" in lines
    assert "换行之后。" in lines
    for gone in ("脚本里的段落", "color", "网站首页", "通知公告", "分享到", "版权所有", "网站标识码", "隐藏的文字"):
        assert gone not in text
    assert "全年召开专题会议\xa04\xa0次, 办结率100%。" in lines


def test_html_without_an_obvious_body_and_with_a_page_wide_form() -> None:
    page = ("<html><body><form id='form1'><div class='top-menu'>首页 机构 服务</div>"
            "<h1>某某街道工作报告</h1><p>第一段内容较长,讲述全年工作。</p><p>第二段内容。</p>"
            "</form></body></html>")
    assert html_to_text(page) == "某某街道工作报告\n第一段内容较长,讲述全年工作。\n第二段内容。"


LAYOUT_PAGE = """<html><head><title>关于2024年度工作的报告 - 某某镇人民政府</title></head><body>
<table><tr><td class="logo">某某镇人民政府</td><td><a href="#">首页</a> <a href="#">政务公开</a></td></tr></table>
<table><tr><td><ul class="leftmenu"><li>机构概况</li><li>领导之窗</li></ul></td><td>
<div class="title">关于2024年度工作的报告</div>
<div class="info">发布时间：2025-01-10 &nbsp;来源：党政办 &nbsp;【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div id="zoom"><p>　　2024年，我镇全面推进法治建设，召开会议 6 次。</p><p>　　一、主要做法</p>
<p>（一）强化领导。</p><p align="right">某某镇人民政府<br>2025年1月8日</p></div>
<div class="bottom">【<a>打印本页</a>】【<a>关闭窗口</a>】</div></td></tr></table>
<div class="foot">主办：某某镇人民政府 备案号：鲁ICP备00000000号</div></body></html>"""


def test_html_layout_tables_keep_title_date_and_source(tmp_path: Path) -> None:
    source = load_source(_write(tmp_path, "t20250110_1.html", LAYOUT_PAGE.encode()))
    assert source.text == ("关于2024年度工作的报告\n2024年,我镇全面推进法治建设,召开会议6次。\n一、主要做法\n"
                           "(一)强化领导。\n某某镇人民政府\n2025年1月8日")
    assert source.meta == {"published": "2025-01-10", "source_name": "党政办"}


def test_html_file_in_gbk_loads_as_html(tmp_path: Path) -> None:
    path = _write(tmp_path, "page.shtml", PAGE.replace('charset="utf-8"', 'charset="gbk"').encode("gbk"))
    source = load_source(path)
    assert (source.format, source.encoding, source.source) == ("html", "gb18030", str(path))
    assert "全年召开专题会议4次,办结率100%。" in source.text


# ------------------------------------------------------------------ PDF, DOCX

def _tiny_pdf(*lines: str) -> bytes:
    """A one-page PDF with Helvetica (Type1) text, written by hand."""
    shows = " 0 -16 Td ".join(f"({line}) Tj" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {shows} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
         b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    starts = []
    for number, body in enumerate(objects, 1):
        starts.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % s for s in starts)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    path = _write(tmp_path, "report.pdf", _tiny_pdf("Annual report 2024", "Cases handled: 12"))
    source = load_source(path)
    assert source.format == "pdf"
    assert source.text == "Annual report 2024\nCases handled: 12"


def test_pdf_without_text_or_damaged(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    blank = tmp_path / "scan.pdf"
    with blank.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(InputError, match=r"scan\.pdf: .*scanned image"):
        load_source(blank)
    damaged = _write(tmp_path, "torn.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type")
    with pytest.raises(InputError, match=r"torn\.pdf: is not a readable PDF"):
        load_source(damaged)


def test_docx_paragraphs_and_table_cells_in_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("2024年工作报告")
    document.add_paragraph("一、主要成效")
    table = document.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "指标", (0, 1): "数值", (1, 0): "案件", (1, 1): "12件"}.items():
        table.cell(r, c).text = value
    document.add_paragraph("二、存在的不足")
    path = tmp_path / "report.docx"
    document.save(str(path))
    source = load_source(path)
    assert source.format == "docx"
    assert source.text == "2024年工作报告\n一、主要成效\n指标 | 数值\n案件 | 12件\n二、存在的不足"
    broken = _write(tmp_path, "broken.docx", b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"broken\.docx: is not a readable \.docx"):
        load_source(broken)
