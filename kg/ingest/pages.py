"""HTML → the article's readable text, one block per line."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import ClassVar

from kg.ingest.clutter import is_meta_line

_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"))
_SILENT = frozenset(("script", "style", "noscript", "template", "iframe", "head", "title", "svg", "canvas",
                     "object", "embed", "select", "button"))
_DROP_TAGS = _SILENT | {"nav", "header", "footer", "aside", "form"}
_DROP_WORDS = ("nav", "menu", "footer", "header", "share", "print", "breadcrumb", "sidebar", "crumb", "toolbar")
_BODY_WORDS = ("content", "article", "zoom", "trs_editor", "text", "detail", "main")
_BLOCK = frozenset(("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
                    "table", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr", "main", "address",
                    "figure", "figcaption", "center", "caption", "fieldset", "body", "html", "title"))
_SOFT = "\x1e"                          # a block boundary, resolved to at most one line break
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_BREAKS = re.compile(r"[ \n\x1e]*\x1e[ \n\x1e]*")
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜| - | — | – )\s*")


class _Node:
    __slots__ = ("attrs", "children", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    """A forgiving element tree: unknown end tags are ignored, open p/li/td/tr close implicitly."""

    _IMPLIED: ClassVar[dict[str, tuple[str, tuple[str, ...]]]] = {"p": ("p", ()), "li": ("li", ("ul", "ol")), "td": ("td th", ("tr", "table")),
                "th": ("td th", ("tr", "table")), "tr": ("tr", ("table",))}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, None)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._IMPLIED:
            closes, bounds = self._IMPLIED[tag]
            for k in range(len(self.stack) - 1, 0, -1):
                if self.stack[k].tag in bounds:
                    break
                if self.stack[k].tag in closes.split():
                    del self.stack[k:]
                    break
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _ident(node: _Node) -> str:
    return (node.attrs.get("id", "") + " " + node.attrs.get("class", "")).lower()


def _walk_nodes(root: _Node) -> list[tuple[_Node, int]]:
    """Elements in document order with their depth (iterative: pages nest deeply)."""
    out: list[tuple[_Node, int]] = []
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        out.append((node, depth))
        stack.extend((c, depth + 1) for c in reversed(node.children) if isinstance(c, _Node))
    return out


def _text_lengths(nodes: list[tuple[_Node, int]], skip: set[int]) -> dict[int, int]:
    """Non-space characters of visible text under each element, leaving out ``skip`` subtrees."""
    length: dict[int, int] = {}
    for node, _ in reversed(nodes):          # children before parents
        if id(node) in skip or node.tag in _SILENT:
            length[id(node)] = 0
            continue
        length[id(node)] = sum(length.get(id(c), 0) if isinstance(c, _Node) else len("".join(c.split()))
                               for c in node.children)
    return length


def _render(node: _Node, skip: set[int]) -> str:
    out: list[str] = []
    stack: list[tuple[_Node | str, bool, bool]] = [(node, False, False)]
    while stack:
        item, closing, pre = stack.pop()
        if isinstance(item, str):
            out.append(item if pre else _HTML_SPACE.sub(" ", item))
        elif closing:
            out.append(_SOFT)
        elif id(item) not in skip and item.tag not in _SILENT:
            if item.tag == "br":
                out.append("\n")
            elif item.tag == "tr":
                out.append(_SOFT + _row(item, skip) + _SOFT)
            else:
                if item.tag in _BLOCK:
                    out.append(_SOFT)
                    stack.append((item, True, pre))
                inner = pre or item.tag == "pre"
                stack.extend((c, False, inner) for c in reversed(item.children))
    text = _BREAKS.sub(lambda m: "\n\n" if m.group().count("\n") >= 2 else "\n", "".join(out))
    return "\n".join(line.strip(" ") for line in text.split("\n")).strip("\n")


def _row(tr: _Node, skip: set[int]) -> str:
    cells = [_render(c, skip) for c in tr.children
             if isinstance(c, _Node) and c.tag in ("td", "th") and id(c) not in skip]
    cells = [c for c in cells if c.strip()]
    return " | ".join(cells) if len(cells) > 1 and not any("\n" in c for c in cells) else "\n".join(cells)



def html_to_text(html: str) -> str:
    """The readable text of an HTML page: the article body, one block per line.

    Drops scripts, styles, navigation, headers, footers, forms and elements
    whose id/class names a menu, share bar or breadcrumb; prefers the element
    that is obviously the article (id/class with content, article, zoom,
    TRS_Editor, text, detail, main) and puts the page's <h1>/<title> first
    when the body lacks it, followed by the page's date and source lines
    (which ``strip_clutter`` turns into metadata). Uses only the standard library's parser; nothing
    in the page is executed.

    >>> html_to_text("<title>报告_某某网</title><nav>首页</nav><div class='content'><p>一、成效</p></div>")
    '报告\\n一、成效'
    """
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    nodes = _walk_nodes(builder.root)
    raw = _text_lengths(nodes, set())
    total = raw[id(builder.root)] or 1
    skip: set[int] = set()
    for node, _ in nodes:
        if node.tag in _SILENT:
            skip.add(id(node))
        elif node.tag not in ("html", "body", "#root") and raw[id(node)] < 0.5 * total and (
                node.tag in _DROP_TAGS or "hidden" in node.attrs
                or re.search(r"display\s*:\s*none", node.attrs.get("style", ""), re.IGNORECASE)
                or any(w in _ident(node) for w in _DROP_WORDS)):
            skip.add(id(node))               # never drop what holds most of the page's text
    shown = _text_lengths(nodes, skip)
    inside_skip: set[int] = set()
    for node, _ in nodes:
        if id(node) in skip or (node.parent is not None and id(node.parent) in inside_skip):
            inside_skip.add(id(node))
    candidates = [(shown[id(n)], depth, n) for n, depth in nodes if id(n) not in inside_skip
                  and (n.tag in ("article", "main") or any(w in _ident(n) for w in _BODY_WORDS))]
    body = builder.root
    best = max((c[0] for c in candidates), default=0)
    if best and best >= 0.25 * shown[id(builder.root)]:
        body = max((c for c in candidates if c[0] >= 0.7 * best), key=lambda c: c[1])[2]
    text = _render(body, skip)
    if body is not builder.root:                 # keep the page's date and source lines for the metadata
        info = [line for line in _render(builder.root, skip).split("\n")[:40] if is_meta_line(line)]
        text = "\n".join([line for line in info if line not in text] + [text])
    heading = next((n for n, _ in nodes if n.tag == "h1" and _render(n, set()).strip()), None)
    title = _render(heading, set()) if heading else ""
    if not title:
        page_title = next((n for n, _ in nodes if n.tag == "title"), None)
        if page_title:
            words = "".join(c for c in page_title.children if isinstance(c, str)).split()
            parts = _TITLE_SPLIT.split(" ".join(words))
            title = next((p for p in parts if p.strip()), "")
    title = " ".join(title.split())
    if title and "".join(title.split()) not in "".join(text.split()):
        text = title + "\n" + text if text else title
    return text
