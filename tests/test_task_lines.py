"""Task lines and glossaries (issue 12): a quote in a line that names the unit in charge of it is
a programme led by that unit; a glossary term on its own line is the subject of its gloss.
Sentences written for these tests in the genre's style."""
from __future__ import annotations

from kg.pipeline import extract_text
from kg.structure import split_sentences

HEAD = "某某自治区2030年政府工作报告\n\n"


def programmes_and_links(text: str) -> tuple[list[str], set[tuple[str, str, str]]]:
    ex = extract_text(HEAD + text)
    labels = [e.label for e in ex.entities.values() if e.kind == "programme"]
    return labels, {(str(l.subject), str(l.unit), l.role) for l in ex.links}


def test_a_quote_in_a_task_line_with_its_lead_unit_is_a_programme_led_by_it():
    labels, links = programmes_and_links("为山区小学生每天提供“一个鸡蛋”,在集贸市场推行“日日查”（牵头单位：农牧厅）。")
    assert {"一个鸡蛋", "日日查"} <= set(labels)
    assert ("programme:日日查", "organisation:农牧厅", "lead") in links


def test_without_a_unit_note_the_same_quote_needs_other_evidence():
    labels, _ = programmes_and_links("为山区小学生每天提供“一个鸡蛋”。")
    assert "一个鸡蛋" not in labels


def test_a_quantity_in_quotes_is_no_programme_even_in_a_task_line():
    labels, _ = programmes_and_links("为群众提供“7×24小时”免费咨询（牵头单位：司法厅）。")
    assert labels == []


def test_a_glossary_term_on_its_own_line_opens_the_sentence_of_its_gloss():
    text = "名词解释\n3.“某某计划”：\n是“某某人才培养计划”的简称，由教育厅和财政厅联合实施。\n"
    spans = [s.text for s in split_sentences(text, [])]
    assert spans[1].startswith("3.“某某计划”：") and spans[1].endswith("联合实施。")
    _, links = programmes_and_links(text)
    assert {u for _, u, role in links if role == "partner"} == {"organisation:教育厅", "organisation:财政厅"}


def test_a_term_line_at_the_very_end_stays_a_sentence_of_its_own():
    spans = [s.text for s in split_sentences("一、附录\n“某某工程”：", [])]
    assert spans == ["一、附录", "“某某工程”："]
