"""Documents by kind, and works of culture in 《》 kept out of the documents."""
from __future__ import annotations

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import RDF

from kg.document_kinds import document_kind
from kg.extract.documents import find_documents
from kg.namespaces import GOV
from kg.pipeline import extract_text
from kg.rdf import add_extraction, new_dataset


@pytest.mark.parametrize("title, kind", [
    ("中华人民共和国乡村振兴促进法", "law"),
    ("城市道路养护条例", "regulation"),
    ("河道采砂管理办法(试行)", "regulation"),
    ("全域旅游发展规划(2024—2030年)", "plan"),
    ("某某省国民经济和社会发展第十六个五年规划纲要(草案)", "plan"),
    ("关于促进民营经济高质量发展的实施意见", "policy"),
    ("稳外贸十二条", "policy"),
    ("区域全面经济伙伴关系协定", "treaty"),
    ("数字乡村2035", "plan"),
])
def test_a_title_is_typed_by_how_it_ends(title, kind):
    assert document_kind(title) == kind


@pytest.mark.parametrize("title", ["山那边的灯火", "长河入海", "某市晚报", "秋收"])
def test_a_title_without_a_document_ending_names_no_document(title):
    assert document_kind(title) is None


def test_films_songs_and_books_in_title_marks_are_not_documents():
    text = "电影《山那边的灯火》、歌曲《长河入海》获奖,出版《江城文史丛编》,施行《城市道路养护条例》。"
    assert [t for _, _, t, _ in find_documents(text)] == ["城市道路养护条例"]


def test_a_genre_word_before_the_title_wins_over_its_ending():
    assert find_documents("话剧《最后的决定》巡演百场。") == []


def test_names_inside_a_film_title_are_no_organisations():
    ex = extract_text("纪录片《县人民医院的一天》播出。")
    assert not ex.of_kind("document")
    assert not ex.of_kind("organisation")


def test_a_document_node_carries_its_kind_as_class_and_literal():
    ex = extract_text("制定《河道采砂管理办法》,签署《区域全面经济伙伴关系协定》。")
    ds: Dataset = new_dataset()
    add_extraction(ds, ex)
    kinds = {str(o) for _, _, o, _ in ds.quads((None, GOV.documentKind, None, None))}
    assert kinds == {"regulation", "treaty"}
    treaties = {s for s, _, _, _ in ds.quads((None, RDF.type, GOV.Treaty, None))}
    assert len(treaties) == 1
    treaty = next(iter(treaties))
    assert {o for _, _, o, _ in ds.quads((treaty, GOV.documentKind, None, None))} == {Literal("treaty")}
    assert any(True for _ in ds.quads((treaty, RDF.type, GOV.Document, None)))
