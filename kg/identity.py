"""Name identity: when two written names are one thing, with no extractor or RDF loaded.

Extraction keys entities by :func:`norm_name`; kg/resolve.py merges a body's
short forms by :func:`canonical_org`; kg/rdf.py mints IRIs from these keys
(programmes and documents by :func:`variant_key`, organisations within their
jurisdiction unless :func:`is_national`). The national bodies named bare are
listed in kg/lexicon/national_bodies.txt.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg import lexicon
from kg.script import to_simplified

_QUOTES = re.compile(r"[“”‘’\"'「」『』《》〈〉\s]")


def norm_name(name: str) -> str:
    """The identity of a name: NFKC, no quotes or spaces, lower case, simplified script.

    >>> norm_name("“一镇（街）一品牌”"), norm_name("財政部")
    ('一镇(街)一品牌', '财政部')
    """
    return to_simplified(_QUOTES.sub("", unicodedata.normalize("NFKC", name)).lower())


def canonical_org(name: str) -> str:
    """The form two names of one body share: 人民政府 → 政府, trailing 办公室 → 办.

    >>> canonical_org("县人民政府"), canonical_org("州委依法治州办公室")
    ('县政府', '州委依法治州办')
    """
    name = norm_name(name)
    name = name.replace("人民政府", "政府")
    name = re.sub(r"(委|依法治[省市区县街镇州])办公室$", r"\1办", name)
    return name


def variant_key(name: str) -> str:
    """Cross-report identity of a programme or document name, with safe variants folded.

    Parenthesised alternatives that name the same grassroots level are dropped:
    一镇(街)一品牌, 一镇(乡)一品牌 and 一镇一品牌 are one programme;
    a national law is one document with or without its 中华人民共和国.

    >>> variant_key("一镇(乡)一品牌") == variant_key("一镇一品牌")
    True
    >>> variant_key("中华人民共和国宪法") == variant_key("宪法")
    True
    """
    key = norm_name(name)
    key = re.sub(r"^中华人民共和国(?=\S+法典?$)", "", key)
    key = re.sub(r"\((?:社区|居|居委会|村居|街|街道|镇|乡镇|乡|镇街)\)", "", key)
    key = re.sub(r"[—–－―~～]", "-", key)
    return key


@lru_cache(maxsize=1)
def national_bodies() -> frozenset[str]:
    """Organs of the whole country that reports name bare (国务院, 全国人大, 司法部 …)."""
    return frozenset(lexicon.words("national_bodies.txt"))


# Organs of the whole country, whatever report names them: a congress of one 届
# (第十一届全国人民代表大会, read in many reports), central organs and ministries.
NATIONAL_NAME = re.compile(
    r"^(?:第[一二三四五六七八九十]+届)?全国人民代表大会|^全国(?:人大|政协)|^中国人民政治协商会议全国委员会"
    r"|^(?:中共)?中央(?!.*[省市县区])|^中共中央|^国务院|^最高人民|^国家(?!级).{2,14}(?:局|委|署|部|院|总局|委员会)$")
# A ministry named bare (财政部, 商业部) is the country's: provinces have 厅, not 部.
MINISTRY = re.compile(r"^[\u4e00-\u9fff]{1,8}部$")
LOCAL_DEPARTMENTS = ("组织部", "宣传部", "统战部", "服务部", "工作部", "武装部", "人民武装部", "指挥部", "总部", "支部")


def is_national(canon: str) -> bool:
    """True for an organ of the whole country (no jurisdiction in its identity)."""
    if canon in national_bodies() or NATIONAL_NAME.search(canon):
        return True
    return bool(MINISTRY.fullmatch(canon)) and not canon.endswith(LOCAL_DEPARTMENTS) and canon[0] not in "省市区县州旗盟镇乡村"
