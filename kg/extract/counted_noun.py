"""The noun a count counts: the phrase right after a number and its classifier.

"聘请12名技术顾问为…" counts 技术顾问; the phrase ends at a stop word, a conjunction, a
preposition or an adverb, or where a verb opens the predicate of its clause ("6部作品获文华奖").

>>> after_count("聘请12名技术顾问为企业服务", 5)
'技术顾问'
>>> after_count("6部作品获文华奖", 2)
'作品'
"""
from __future__ import annotations

import re

from kg import lexicon, segment
from kg.extract import indicator_names, measure_shape

DELIMS = ",，;；。:：!！?？\n"
UNIT_NOTE = re.compile(r"[(（][^()（）\d]{1,3}[)）]")   # 40条(段), 3.1万套(户): a second classifier in brackets
POST_STOPS = ("为", "进行", "向", "提供", "参与", "开展", "组成", "达", "共", "均", "分别", "同比", "的基础", "和", "及",
              "与", "在", "对", "从", "实现", "完成", "覆盖", "比例", "占", "通过", "作为", "帮助", "挽回", "涉及",
              "参加", "参训", "受理", "办理", "接受", "获得", "获评", "入选", "已", "正在", "全部", "均已", "到", "至", "用于")
JOINS = ("和", "及", "与")
ATTRIBUTE_TAGS = ("n", "b", "s", "f")   # 国际, 省级, 城乡: a word that may share the head after a join
POST_BREAK_TAGS = {"c", "p", "d"}  # a conjunction, preposition or adverb: the phrase after a number ends


def after_count(text: str, pos: int) -> str:
    """The noun phrase right after a classifier, up to a stop word (a whole jieba word) or punctuation.

    A quoted name inside it is one word (专精特新“小巨人”企业, “两院”院士); the quotes stay, so that
    the phrase spans the text it was read from.
    """
    unit_note = UNIT_NOTE.match(text, pos)
    if unit_note:   # 40条(段)河道, 500台(套)以上: a second classifier in brackets, not the counted noun
        pos = unit_note.end()
        if re.match(r"以上|以下|以内|左右|余|多", text[pos:]):
            return ""
    m = re.match(r"(?:[“「][^”」\d]{1,30}[”」]|[^\d\s、“”\"《》()（）" + re.escape(DELIMS) + r"]|[(（][^()（）\d]{1,4}[)）]){1,16}",
                 text[pos:])
    if not m:
        return ""
    if _list_head(text, pos + m.end()):
        return ""   # 7700多项食品、药品和其他消费品安全国家标准: the counted noun ends the list
    quote = re.fullmatch(r"[“「]([^”」]+)[”」]", m.group())
    if quote:
        return quote.group(1)
    out: list[str] = []
    words = _tokens(m.group())
    for i, word in enumerate(words):
        if word in JOINS and len(out) == 1 and len(out[0]) <= 2 and (segment.tag(out[0]) or "") in ATTRIBUTE_TAGS:
            out.append(word)   # 44条国际及地区航线: a one-word attribute joined to the next, one phrase
            continue
        if word in POST_STOPS or any(word.startswith(w) for w in POST_STOPS if len(w) > 1):
            if len(out) == 1 and indicator_names.is_change_word(out[0] + word):
                return ""   # 由44个发展到60个: a level word jieba splits (发展|到) leads to the next value
            break
        if not out and (segment.tag(word) in POST_BREAK_TAGS and not measure_shape.attribute_adverb(words, i)
                        or indicator_names.is_change_word(word)) \
                or out and word != "的" and indicator_names.opens_clause(word) or words[i + 1:i + 2] in (["了"], ["着"]) \
                or out and (_adverbial(words, i) or _predicate(words, i)):
            break  # 422公里并连通…, 82.7万亿元增加到…, …配备了, …免费提供, 作品获…: the next clause, not what was counted
        out.append(word)
    while out and out[-1] in JOINS:
        out.pop()   # 5个县和3个市: the join leads to the next count
    phrase = "".join(out)
    if len(phrase) == 1 and (segment.tag(phrase) in segment.BREAK_TAGS or not "\u4e00" <= phrase <= "\u9fff") \
            or phrase in indicator_names.fragments()["after"]:
        return ""   # 突破5000亿元大关: an abstract noun of the genre, the measure is before the number
    return phrase


def _list_head(text: str, end: int) -> bool:
    """True when the phrase stops at a 、 that goes on, with no number, to the end of the clause."""
    if text[end:end + 1] != "、":
        return False
    tail = re.match(r"[^" + re.escape(DELIMS) + r"]*", text[end + 1:])
    return tail is not None and re.search(r"\d", tail.group()) is None


def _tokens(chunk: str) -> list[str]:
    """jieba words of a phrase, a quoted name kept whole."""
    out: list[str] = []
    for part in re.split(r"([“「][^”」]*[”」])", chunk):
        out += [part] if part[:1] in "“「" and part else segment.words(part) if part else []
    return out


def _predicate(words: list[str], i: int) -> bool:
    """6部作品获文华奖, 42个试点加快推进: after the counted noun, a verb opens its clause's predicate.

    A verb inside a name (国家中医药传承创新中心) is followed by a noun; a predicate is a verb of
    attainment (获, 入选, 纳入) or a run of verbs and adverbs that ends the phrase.
    """
    if "的" in words[:i] or not any((segment.tag(w) or "").startswith("n") for w in words[:i]):
        return False   # 专业性的评估机构: after 的 comes the head noun, not a predicate
    if words[i] in lexicon.word_set("indicator_clause_verbs.txt", "indicator_driving_verbs.txt"):   # 荣获, 拉动
        return True
    rest = words[i:]   # 试点加快推进: two words or more, verbs and adverbs only (…污水治理 is a process, 创新站 a noun)
    return len(rest) > 1 and all(segment.tag(w) in ("v", "vd", "d", "ad", "ul", "uz", "y") and len(w) > 1 for w in rest)


def _adverbial(words: list[str], i: int) -> bool:
    """扎实推进, 免费提供教科书: an adverb or adverbial noun-verb before a verb opens a clause."""
    tags = [segment.tag(w) or "" for w in words[i:i + 3]]
    if len(tags) >= 2 and tags[0] in ("a", "ad", "d") and tags[1] == "v":
        return True
    return len(tags) == 3 and tags[0] == "vn" and tags[1] == "v" and tags[2].startswith("n")
