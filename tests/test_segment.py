"""kg.segment.words is jieba's cut(text, HMM=False) word for word, only faster."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg import segment

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def jieba_words(text: str) -> list[str]:
    return list(segment.tokenizer().cut(text, HMM=False))


@pytest.mark.parametrize("text", [
    "", " ", "a", "ABC123", "3.5%", "GDP增长5%", "\r\n", "\t中国 x y", "2+N", "①②", "（草案）", "ａｂｃ",
    "县税务局挂牌成立调解室", "建设用地", "和美乡村", "一二三产增加值", "第十一届全国人民代表大会",
])
def test_words_are_jiebas_words(text):
    assert segment.words.__wrapped__(text) == jieba_words(text)


def test_words_are_jiebas_words_on_pieces_of_a_real_report():
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE.iterdir()) if p.is_file())
    assert len(text) > 1000
    rng = random.Random(11)
    pieces = [text[a:a + rng.randint(1, 60)] for a in (rng.randrange(len(text)) for _ in range(3000))]
    pieces += text.splitlines()
    differ = [p for p in pieces if segment.words.__wrapped__(p) != jieba_words(p)]
    assert differ == []


def test_a_tie_goes_to_the_longer_word_as_in_jiebas_max():
    # jieba takes max() over (score, end) pairs: of two paths that score the same, the later end
    out: list[str] = []
    segment._cut_block("甲乙", {"甲": 1, "甲乙": 1, "乙": 1}, 0.0, out)
    assert out == ["甲乙"]
