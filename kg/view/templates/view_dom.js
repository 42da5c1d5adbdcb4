/* govkg network view: DOM and text helpers with no state of the view (loaded before view.js).
 * Text goes into the page through textContent and text nodes only, never as markup. */
var kgDom = (function () {
  "use strict";
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function shade(hex, f) {
    var n = parseInt(hex.slice(1), 16), r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
    function c(v) { return Math.max(0, Math.min(255, Math.round(v * f))); }
    return "rgb(" + c(r) + "," + c(g) + "," + c(b) + ")";
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function highlighted(text, words) {
    // split the sentence around the node's names and wrap them in <mark>, as text nodes only
    var frag = document.createDocumentFragment();
    var hits = words.filter(function (w) { return w && w.length > 1 && text.indexOf(w) >= 0; })
                    .sort(function (a, b) { return b.length - a.length; });
    var pos = 0;
    while (hits.length && pos < text.length) {
      var best = -1, word = null;
      hits.forEach(function (w) {
        var at = text.indexOf(w, pos);
        if (at >= 0 && (best < 0 || at < best)) { best = at; word = w; }
      });
      if (best < 0) break;
      frag.appendChild(document.createTextNode(text.slice(pos, best)));
      frag.appendChild(el("mark", null, word));
      pos = best + word.length;
    }
    frag.appendChild(document.createTextNode(text.slice(pos)));
    return frag;
  }
  function table(rows, head) {
    var t = el("table"), tr;
    if (head) {
      tr = el("tr");
      head.forEach(function (h) { tr.appendChild(el("th", null, h)); });
      t.appendChild(tr);
    }
    rows.forEach(function (r) {
      tr = el("tr");
      r.forEach(function (c) { tr.appendChild(el("td", null, c)); });
      t.appendChild(tr);
    });
    return t;
  }
  function quantity(o) {
    var q = o.qualifier ? o.qualifier.split("、") : [];
    var before = q.filter(function (x) { return ["累计", "近", "约", "达", "超"].indexOf(x) >= 0; }).join("");
    var middle = q.filter(function (x) { return x === "余" || x === "多"; }).join("");
    var after = q.filter(function (x) { return x === "以上" || x === "左右"; }).join("");
    return before + o.value + middle + o.unit + after;
  }
  function unique(xs) { return xs.filter(function (x, k) { return xs.indexOf(x) === k; }); }

  function cut(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  return { el: el, shade: shade, clear: clear, highlighted: highlighted, table: table, quantity: quantity,
           unique: unique, cut: cut };
})();
