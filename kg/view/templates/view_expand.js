/* kg serve's overview: a folded node (a report's own entities of one kind, as a count) opens on click.
 * Its leaves are asked from the server (data.expand.url, JSON), drawn around it with the offsets the
 * server computed (kg.view.layout's lattice), and hidden again by a second click.
 * Names reach the page through the canvas and textContent only. */
(function () {
  "use strict";
  var view = window.kgView, data = view.data, ex = data.expand;
  var byIri = {}, typeByKey = {}, opened = {};
  data.info.forEach(function (d, i) { byIri[d.iri] = i; });
  data.types.forEach(function (t, k) { typeByKey[t.key] = k; });
  function relation(iri) {
    for (var k = 0; k < data.relations.length; k++) if (data.relations[k].iri === iri) return k;
    return 0;
  }
  var foldRelation = relation(ex.relation);

  function say(text) {
    var p = document.createElement("p");
    p.className = "muted fold-status";
    p.textContent = text;
    document.getElementById("panel").appendChild(p);
  }
  function draw(id, body) {
    var at = data.nodes[id], fold = data.info[id].fold, report = byIri[fold.reportIri];
    var rows = [], infos = [], links = [], mine = [];
    // the leaves' star goes beyond the folded node, on the side away from its report
    var reach = 0, dx = 1, dy = 0;
    body.leaves.forEach(function (leaf) { reach = Math.max(reach, Math.hypot(leaf.dx, leaf.dy)); });
    if (report !== undefined) {
      var rx = at[0] - data.nodes[report][0], ry = at[1] - data.nodes[report][1], d = Math.hypot(rx, ry);
      if (d > 0) { dx = rx / d; dy = ry / d; }
    }
    var cx = at[0] + dx * (reach + 80), cy = at[1] + dy * (reach + 80);
    body.leaves.forEach(function (leaf) {
      var known = byIri[leaf.iri];
      if (known === undefined) {
        known = data.nodes.length + rows.length;
        byIri[leaf.iri] = known;
        var type = typeByKey[leaf.type] !== undefined ? typeByKey[leaf.type] : at[2];
        rows.push([cx + leaf.dx, cy + leaf.dy, type, leaf.size, leaf.short]);
        infos.push({ iri: leaf.iri, label: leaf.label, labels: leaf.labels, mentions: leaf.mentions,
                     reports: report === undefined ? [] : [report], reportTitles: [], obs: [], sent: [],
                     desc: "", props: [], page: leaf.page });
        mine.push(known);
      }
      links.push([id, known, foldRelation]);
    });
    view.addNodes(rows, infos, links);
    opened[id] = { shown: true, leaves: mine };
    document.body.dataset.expanded = String(Object.keys(opened).length);
  }
  view.network.on("click", function (p) {
    if (!p.nodes.length) return;
    var id = p.nodes[0], fold = data.info[id].fold;
    if (!fold) return;
    var state = opened[id];
    if (state === "loading") return;
    if (state) {   // open already: hide or show again
      state.shown = !state.shown;
      view.setHidden(state.leaves, !state.shown);
      return;
    }
    opened[id] = "loading";
    var query = new URLSearchParams({ report: fold.report, kind: fold.kind, min: String(ex.min) });
    fetch(ex.url + "?" + query.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (body) { draw(id, body); })
      .catch(function (err) {
        delete opened[id];
        say("未能展开：" + err.message);
      });
  });
})();
