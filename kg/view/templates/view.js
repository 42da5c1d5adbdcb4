/* govkg network view: draws the JSON of #kg-data with vis-network.
 * Every name and sentence reaches the page through textContent (or the canvas), never as markup.
 * Contract: window.network is the vis Network; document.body.dataset.ready = "1" once drawn. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var types = data.types, info = data.info, rels = data.relations, sentences = data.sentences;
  var N = data.nodes.length;
  var BASE_FONT = 17, LEGIBLE_UP_TO = 600;
  var hiddenTypes = {}, hiddenIds = {};
  var showFaint = true;
  var el = kgDom.el, shade = kgDom.shade, clear = kgDom.clear, highlighted = kgDom.highlighted,
      table = kgDom.table, quantity = kgDom.quantity, unique = kgDom.unique, cut = kgDom.cut;

  function typeOf(id) { return types[data.nodes[id][2]]; }

  document.getElementById("title").textContent = data.title;
  document.getElementById("faint-label").textContent = "背景关系（" + data.labels.mentionedIn + "、所属行政区域）";

  // ------------------------------------------------------------ data sets
  var groups = {};
  types.forEach(function (t) {
    var border = shade(t.color, 0.7);
    groups[t.key] = {
      shape: t.shape,
      color: { background: t.color, border: border,
               highlight: { background: t.color, border: "#111" }, hover: { background: t.color, border: "#111" } }
    };
  });
  function nodeItem(i) {
    var n = data.nodes[i];
    return { id: i, x: n[0], y: n[1], group: types[n[2]].key, size: n[3],
             label: n[4], font: { size: Math.round(BASE_FONT + (n[3] - 8) * 0.3) } };
  }
  function edgeItem(k) {
    var e = data.edges[k], rel = rels[e[2]];
    var item = { id: k, from: e[0], to: e[1] };
    if (rel.faint) {
      item.color = { color: "#cfd8dc", highlight: "#90a4ae", hover: "#90a4ae" };
      item.width = 0.6;
      item.dashes = data.big ? false : [3, 4];
      item.arrows = { to: { enabled: false } };
    } else if (data.edgeLabels) {
      item.label = rel.label;
    }
    return item;
  }
  var nodeItems = new Array(N);
  for (var i = 0; i < N; i++) nodeItems[i] = nodeItem(i);
  var edgeItems = new Array(data.edges.length);
  for (var k = 0; k < data.edges.length; k++) edgeItems[k] = edgeItem(k);
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return !hiddenTypes[item.group] && !hiddenIds[item.id]; } });
  var edgeView = new vis.DataView(edges, {
    filter: function (item) { return showFaint || !rels[data.edges[item.id][2]].faint; }
  });

  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: true, hoverConnectedEdges: !data.big, tooltipDelay: 120,
                   hideEdgesOnDrag: data.big, hideEdgesOnZoom: data.big, navigationButtons: false,
                   keyboard: false, multiselect: false, selectConnectedEdges: true },
    nodes: {
      borderWidth: 1, borderWidthSelected: 3,
      font: { face: getComputedStyle(document.body).fontFamily, color: "#1c2a33",
              strokeWidth: 3, strokeColor: "rgba(255,255,255,0.9)" },
      scaling: { label: { drawThreshold: 9, maxVisible: 22 } }
    },
    edges: {
      width: 1, selectionWidth: 2,
      color: { color: "#90a4ae", highlight: "#37474f", hover: "#546e7a", inherit: false },
      arrows: { to: { enabled: true, scaleFactor: 0.45 } },
      smooth: data.big ? false : { enabled: true, type: "curvedCW", roundness: 0.12 },
      font: { size: 14, color: "#546e7a", strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal",
              face: getComputedStyle(document.body).fontFamily },
      scaling: { label: { drawThreshold: 8 } }
    },
    groups: groups
  };
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.network = network;
  network.once("afterDrawing", function () { document.body.dataset.ready = "1"; });
  function overview(animate) {
    // fit the whole graph; for a few hundred nodes, never so far out that ordinary labels
    // drop under 10 px (the periphery is then a pan or the 适应窗口 button away)
    network.fit({ animation: animate ? { duration: 300 } : false });
    if (N <= LEGIBLE_UP_TO && network.getScale() < 10 / BASE_FONT) {
      network.moveTo({ scale: 10 / BASE_FONT, animation: animate ? { duration: 300 } : false });
    }
  }
  overview(false);

  // ------------------------------------------------------------ adjacency, for the panel
  var adjacency = null;
  function neighbours(id) {
    if (!adjacency) {
      adjacency = new Array(N);
      for (var a = 0; a < N; a++) adjacency[a] = [];
      data.edges.forEach(function (e, k) { adjacency[e[0]].push(k); adjacency[e[1]].push(k); });
    }
    return adjacency[id];
  }

  // ------------------------------------------------------------ panel
  var panel = document.getElementById("panel");
  function heading(text) { panel.appendChild(el("h3", null, text)); }
  function swatch(t) {
    var s = el("span", "swatch " + t.shape);
    s.style.background = t.color;
    return s;
  }
  function nodeLink(id) {
    var b = el("button", "link", info[id].label);
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function sentenceList(ids, words) {
    var ul = el("ul", "sentences");
    ids.forEach(function (s) {
      var row = sentences[s], li = el("li", "sentence");
      var where = [row[1], row[2] >= 0 ? info[row[2]].label : ""].filter(Boolean).join(" · ");
      if (where) li.appendChild(el("span", "section", where));
      li.appendChild(highlighted(row[0], words));
      ul.appendChild(li);
    });
    return ul;
  }
  function showOverview() {
    clear(panel);
    panel.appendChild(el("h2", null, data.title));
    var p = el("p", "muted", N + " 个节点，" + data.edges.length + " 条关系。点击节点或关系查看详情（原句、数据、名称）；"
      + "滚轮缩放，拖动平移；在上方图例中勾选要显示的类型；用顶部搜索框查找节点。");
    panel.appendChild(p);
  }
  function showNode(id) {
    var d = info[id], t = typeOf(id);
    clear(panel);
    panel.appendChild(el("h2", null, d.label));
    var chip = el("span", "chip");
    chip.appendChild(swatch(t));
    chip.appendChild(document.createTextNode(t.label + (d.mentions ? " · 提及 " + d.mentions + " 次" : "")));
    panel.appendChild(chip);
    panel.appendChild(el("p", "iri", d.iri));
    if (d.page) {   // kg serve: the node's own page
      var go = el("a", "page-link", "打开页面 →");
      go.href = d.page;
      panel.appendChild(go);
    }
    if (d.labels.length > 1) {
      heading("名称");
      var ul = el("ul");
      d.labels.forEach(function (l) { ul.appendChild(el("li", null, l)); });
      panel.appendChild(ul);
    }
    if (d.desc) { heading("内容"); panel.appendChild(el("p", null, d.desc)); }
    if (d.props.length) { heading("属性"); panel.appendChild(table(d.props)); }
    if (d.obs.length) {
      heading("数据（" + d.obs.length + "）");
      panel.appendChild(table(d.obs.map(function (k) {
        var o = data.observations[k];
        return [o.indicator, quantity(o), o.period || o.year, o.change, o.kind || ""];
      }), ["指标", "数值", "年度", "变化", "类型"]));
      var obsSentences = d.obs.map(function (k) { return data.observations[k].sentence; })
                              .filter(function (s) { return s >= 0 && d.sent.indexOf(s) < 0; });
      if (obsSentences.length) panel.appendChild(sentenceList(unique(obsSentences), d.labels));
    }
    if (d.reports.length || d.reportTitles.length) {
      heading("所在报告");
      var ur = el("ul");
      d.reports.forEach(function (r) { if (r !== id) { var li = el("li"); li.appendChild(nodeLink(r)); ur.appendChild(li); } });
      d.reportTitles.forEach(function (r) { ur.appendChild(el("li", "muted", r)); });
      if (ur.childNodes.length) panel.appendChild(ur);
    }
    var adj = neighbours(id).filter(function (k) { return !rels[data.edges[k][2]].faint; });
    if (adj.length) {
      heading("关系（" + adj.length + "）");
      var ua = el("ul");
      adj.slice(0, 200).forEach(function (k) {
        var e = data.edges[k], li = el("li"), out = e[0] === id;
        li.appendChild(document.createTextNode((out ? "" : "← ") + rels[e[2]].label + (out ? " → " : " · ")));
        li.appendChild(nodeLink(out ? e[1] : e[0]));
        if (e[3]) li.appendChild(el("span", "muted", "（" + e[3] + "）"));
        ua.appendChild(li);
      });
      panel.appendChild(ua);
    }
    if (d.sent.length) {
      heading("原句（" + d.sent.length + "）");
      panel.appendChild(sentenceList(d.sent, d.labels));
    }
    panel.scrollTop = 0;
  }
  function showEdge(k) {
    var e = data.edges[k], rel = rels[e[2]];
    clear(panel);
    panel.appendChild(el("h2", null, rel.label));
    var p = el("p");
    p.appendChild(nodeLink(e[0]));
    p.appendChild(document.createTextNode(" → "));
    p.appendChild(nodeLink(e[1]));
    panel.appendChild(p);
    panel.appendChild(el("p", "iri", rel.iri));
    if (e[3]) { heading("说明"); panel.appendChild(el("p", null, e[3])); }
    if (e[4].length) {
      heading("原句（" + e[4].length + "）");
      panel.appendChild(sentenceList(e[4], info[e[0]].labels.concat(info[e[1]].labels)));
    }
  }

  // ------------------------------------------------------------ tooltip
  var tip = document.getElementById("tip");
  function placeTip(ev) {
    var x = (ev && ev.clientX) || 0, y = (ev && ev.clientY) || 0;
    tip.style.left = Math.min(x + 14, window.innerWidth - 370) + "px";
    tip.style.top = Math.min(y + 14, window.innerHeight - tip.offsetHeight - 8) + "px";
  }
  function firstSentence(ids) { return ids.length ? sentences[ids[0]][0] : ""; }
  function showTip(parts, ev) {
    clear(tip);
    tip.appendChild(el("strong", null, parts[0]));
    if (parts[1]) tip.appendChild(el("span", "type", parts[1]));
    if (parts[2]) tip.appendChild(el("span", "sentence", cut(parts[2], 140)));
    tip.hidden = false;
    placeTip(ev);
  }
  network.on("hoverNode", function (p) {
    var d = info[p.node], t = typeOf(p.node);
    var text = firstSentence(d.sent) || d.desc;
    if (!text && d.obs.length) {
      var o = data.observations[d.obs[0]];
      text = o.indicator + " " + quantity(o) + (o.sentence >= 0 ? "：" + sentences[o.sentence][0] : "");
    }
    showTip([d.label, t.label + (d.mentions ? " · 提及 " + d.mentions + " 次" : ""), text], p.event && p.event.srcEvent || p.event);
  });
  network.on("hoverEdge", function (p) {
    var e = data.edges[p.edge], rel = rels[e[2]];
    showTip([rel.label + (e[3] ? "（" + e[3] + "）" : ""), info[e[0]].label + " → " + info[e[1]].label,
             firstSentence(e[4])], p.event && p.event.srcEvent || p.event);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  network.on("zoom", function () { tip.hidden = true; });
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else showOverview();
  });

  // ------------------------------------------------------------ search
  var search = document.getElementById("search"), results = document.getElementById("results");
  var haystack = null, active = -1, found = [];
  function matches(q) {
    if (!haystack) haystack = info.map(function (d) { return d.labels.join("\n").toLowerCase() || d.label.toLowerCase(); });
    var out = [];
    for (var a = 0; a < N && out.length < 400; a++) {
      var at = haystack[a].indexOf(q);
      if (at >= 0) out.push([info[a].label.toLowerCase() === q ? 0 : at === 0 ? 1 : 2, info[a].label.length, a]);
    }
    out.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
    return out.slice(0, 15).map(function (x) { return x[2]; });
  }
  function renderResults() {
    clear(results);
    if (!found.length) { results.appendChild(el("li", "none", "没有匹配的节点")); }
    found.forEach(function (id, k) {
      var li = el("li", k === active ? "active" : null);
      li.setAttribute("role", "option");
      li.appendChild(swatch(typeOf(id)));
      li.appendChild(el("span", null, info[id].label));
      li.appendChild(el("span", "type", typeOf(id).label));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(id); });
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function pick(id) {
    results.hidden = true;
    search.value = info[id].label;
    focusNode(id);
  }
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    if (!q) { results.hidden = true; found = []; return; }
    found = matches(q);
    active = found.length ? 0 : -1;
    renderResults();
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!found.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      renderResults();
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      if (!found.length && search.value.trim()) found = matches(search.value.trim().toLowerCase());
      if (found.length) pick(found[Math.max(active, 0)]);
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  search.addEventListener("blur", function () { results.hidden = true; });

  function focusNode(id) {
    var t = typeOf(id);
    if (hiddenTypes[t.key]) { hiddenTypes[t.key] = false; syncLegend(); nodeView.refresh(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }
  window.kgFocus = focusNode;

  // ------------------------------------------------------------ legend: type filter
  var legend = document.getElementById("legend-types");
  var boxes = {};
  (function () {
    var counts = {};
    data.nodes.forEach(function (n) { counts[n[2]] = (counts[n[2]] || 0) + 1; });
    types.forEach(function (t, k) {
      var li = el("li"), label = el("label", "row"), box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.type = t.key;
      box.addEventListener("change", function () {
        hiddenTypes[t.key] = !box.checked;
        nodeView.refresh();
      });
      boxes[t.key] = box;
      label.appendChild(box);
      label.appendChild(swatch(t));
      label.appendChild(el("span", null, t.label));
      label.appendChild(el("span", "n", counts[k] || 0));
      li.appendChild(label);
      legend.appendChild(li);
    });
  })();
  function syncLegend() { Object.keys(boxes).forEach(function (key) { boxes[key].checked = !hiddenTypes[key]; }); }
  document.getElementById("all-types").addEventListener("click", function () {
    hiddenTypes = {};
    syncLegend();
    nodeView.refresh();
  });
  document.getElementById("show-faint").addEventListener("change", function (ev) {
    showFaint = ev.target.checked;
    edgeView.refresh();
  });
  document.getElementById("fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 300 } });
  });

  // ------------------------------------------------------------ growing the graph (kg serve's overview)
  function counts() { document.getElementById("counts").textContent = N + " 节点 · " + data.edges.length + " 关系"; }
  function addNodes(rows, infos, links) {
    // rows and infos as data.nodes and data.info; links as [from, to, relation index]
    rows.forEach(function (row, j) {
      data.nodes.push(row);
      info.push(infos[j]);
      nodes.add(nodeItem(data.nodes.length - 1));
    });
    links.forEach(function (l) {
      data.edges.push([l[0], l[1], l[2], "", []]);
      edges.add(edgeItem(data.edges.length - 1));
    });
    N = data.nodes.length;
    adjacency = null;
    haystack = null;
    counts();
  }
  function setHidden(ids, hidden) {
    ids.forEach(function (id) { if (hidden) hiddenIds[id] = true; else delete hiddenIds[id]; });
    nodeView.refresh();
  }
  window.kgView = { data: data, network: network, addNodes: addNodes, setHidden: setHidden, showNode: showNode };

  counts();
  showOverview();
})();
