// kg browser view, part 1: the whole view as the page data carries it (compact
// columns, see kg/export/page_data.py), with adjacency, neighbourhoods and the
// records the side panel shows. Nothing here touches the DOM.
(function () {
  "use strict";
  var KG = (window.KG = window.KG || {});

  // Returns the page data: from the sidecar script when there is one, else inline.
  KG.loadData = function () {
    if (window.KG_DATA) return window.KG_DATA;
    var inline = document.getElementById("kg-data");
    if (!inline) throw new Error("kg: the view's data file is missing next to this page; rebuild it with kg build");
    return JSON.parse(inline.textContent);
  };

  KG.fold = function (text) {
    return String(text || "").toLowerCase().replace(/[\s\-']/g, "");
  };

  KG.graph = function (data) {
    var cols = data.nodes, e = data.edges, n = cols.label.length, m = e.from.length;
    var ids = cols.iri.map(function (tail) { return data.base + tail; });
    var indexOf = new Map(ids.map(function (id, i) { return [id, i]; }));
    var adj = [], nth = new Array(m), pairs = new Map(), articleNodes = data.articles.map(function () { return []; });
    var i;
    for (i = 0; i < n; i++) adj.push([]);
    for (i = 0; i < m; i++) {
      adj[e.from[i]].push(i);
      if (e.to[i] !== e.from[i]) adj[e.to[i]].push(i);
      var pair = e.from[i] + ">" + e.to[i];
      nth[i] = pairs.get(pair) || 0;  // parallel edges curve apart so their labels stay legible
      pairs.set(pair, nth[i] + 1);
    }
    cols.articles.forEach(function (list, node) {
      list.forEach(function (a) { articleNodes[a].push(node); });
    });
    var folded = cols.label.map(function (label, k) { return [KG.fold(label), KG.fold(cols.en[k])]; });

    function other(edge, node) { return e.from[edge] === node ? e.to[edge] : e.from[edge]; }

    // Node indices within `hops` of `start`, nearest first (then most central first).
    function ball(start, hops) {
      var dist = new Map([[start, 0]]), frontier = [start];
      for (var d = 1; d <= hops && frontier.length; d++) {
        var next = [];
        frontier.forEach(function (node) {
          adj[node].forEach(function (edge) {
            var o = other(edge, node);
            if (!dist.has(o)) { dist.set(o, d); next.push(o); }
          });
        });
        next.sort(function (a, b) { return a - b; });
        frontier = next;
      }
      return Array.from(dist.keys()).sort(function (a, b) {
        return dist.get(a) - dist.get(b) || a - b;
      });
    }

    function neighbours(node) {
      var seen = new Set();
      adj[node].forEach(function (edge) { seen.add(other(edge, node)); });
      seen.delete(node);
      return Array.from(seen).sort(function (a, b) { return a - b; });
    }

    function kindOf(node) { return data.kinds[cols.kind[node]] || ["Other", "其他 Other", "#bdbdbd"]; }

    function text(ref) { return ref >= 0 ? data.strings[ref] : null; }

    function source(ref) {
      var s = data.sentences[ref];
      var art = s && s[1] >= 0 ? data.articles[s[1]] : [null, null, null];
      return s ? { text: s[0], article: art[0], title: art[1], date: art[2] } : null;
    }

    function nodeInfo(node) {
      return {
        id: ids[node], kind: kindOf(node)[0], kind_label: kindOf(node)[1], label: cols.label[node],
        label_en: cols.en[node], code: cols.code[node], parents: cols.parents[node],
        quantities: cols.figures[node].map(function (q) {
          var s = source(q[4]);
          return { value: q[0], unit: text(q[1]), measure: text(q[2]), period: text(q[3]), sentence: s && s.text };
        }),
        // A reference is a sentence index (the mention is the label), [index] (no
        // mention) or [index, string index of the mention].
        sentences: cols.sources[node].map(function (ref) {
          if (typeof ref === "number") return Object.assign(source(ref), { mention: cols.label[node] });
          return Object.assign(source(ref[0]), { mention: ref.length > 1 ? text(ref[1]) : null });
        }),
      };
    }

    function edgeInfo(edge) {
      var p = data.predicates[e.predicate[edge]];
      var s = e.sentence[edge] >= 0 ? source(e.sentence[edge]) : {};
      return {
        from: e.from[edge], to: e.to[edge], predicate: p[0], label_zh: p[1], label_en: p[2],
        sentence: s.text || null, article: s.article || null, title: s.title || null, date: s.date || null,
      };
    }

    function tip(node) {
      var k = kindOf(node), lines = [k[1], cols.label[node]];
      if (cols.en[node]) lines.push(cols.en[node]);
      if (cols.code[node]) lines.push("代码 code " + cols.code[node]);
      return lines.join("\n");
    }

    // Nodes whose label or pinyin label holds the query: exact, then prefix, then shortest.
    function findNodes(query) {
      var q = KG.fold(query), found = [];
      if (!q) return [];
      folded.forEach(function (names, node) {
        var rank = 3;
        names.forEach(function (name) {
          var at = name.indexOf(q);
          rank = Math.min(rank, name === q ? 0 : at === 0 ? 1 : at > 0 ? 2 : 3);
        });
        if (rank < 3) found.push([rank, cols.label[node].length, node]);
      });
      found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
      return found.map(function (f) { return f[2]; });
    }

    return {
      data: data, n: n, m: m, ids: ids, indexOf: indexOf, adj: adj, nth: nth, cols: cols, edges: e,
      articleNodes: articleNodes, other: other, ball: ball, neighbours: neighbours, kindOf: kindOf,
      nodeInfo: nodeInfo, edgeInfo: edgeInfo, tip: tip, findNodes: findNodes,
      clusterOf: function (node) { return cols.cluster ? cols.cluster[node] : -1; },
    };
  };
})();
