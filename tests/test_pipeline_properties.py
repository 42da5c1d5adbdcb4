"""Property: extraction takes any text of the genre's alphabet without raising, and every mention it
reports is a span of the normalised text that reads as its surface."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.pipeline import extract_text
from kg.records import Extraction, Mention

# Fragments that steer the text into the extractors' paths: headings, role cues,
# body suffixes, quantities, quotes and titles, link words.
FRAGMENTS = [
    "一、", "二、", "(一)", "(二)", "1.", "(1)", "\n", "。", ",", "、", ";", ":", "“", "”", "《", "》", "(", ")",
    "%", "万", "余", "近", "以上", "件", "名", "人次", "个", "同比下降", "同比增长", "均达", "分别为", "第",
    "2024年", "2025年", "年", "月", "日", "县", "区", "镇", "市委", "县政府", "人民政府", "司法局", "人民法院",
    "办公室", "委员会", "中心", "和", "以", "为试点", "挂牌成立", "分别", "牵头", "由", "组织开展", "在", "实施",
    "主要举措和成效", "存在的不足", "下一步工作打算", "工作安排", "我们也清醒看到", "主要是", "对此,我们一定",
    "普法", "活动", "行动", "宪法", "民法典", "印发", "废止", "报告", "关于", "法治政府建设", "一是", "二是",
]
ALPHABET = st.sampled_from(list("0123456789.,，。、;；:：!?！？“”\"'《》()（）%‰+-— \n\t")) | st.characters(
    min_codepoint=0x4E00, max_codepoint=0x9FFF)
TEXT = st.lists(st.sampled_from(FRAGMENTS) | st.text(ALPHABET, min_size=1, max_size=6), max_size=60).map("".join)


def all_mentions(ex: Extraction) -> list[tuple[str, Mention]]:
    out = [(e.kind, m) for e in ex.entities.values() for m in e.mentions]
    out += [("observation", o.mention) for o in ex.observations]
    out += [("link", link.mention) for link in ex.links]
    out += [("citation", c.mention) for c in ex.citations]
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_extract_text_never_raises_and_mentions_are_exact_spans(raw):
    try:
        ex = extract_text(raw)
    except InputError as err:
        # The one documented refusal: nothing left to read.
        assert "empty" in str(err) or "page furniture" in str(err) or "no report text" in str(err)
        return
    text = ex.report.text
    n_sentences = len(ex.report.sentences)
    for kind, m in all_mentions(ex):
        assert 0 <= m.start <= m.end <= len(text), (kind, m)
        assert 0 <= m.sentence < max(n_sentences, 1), (kind, m)
        assert text[m.start:m.end] == m.surface, (kind, m, text[m.start:m.end])
    for s in ex.report.sentences:
        assert text[s.start:s.end] == s.text
