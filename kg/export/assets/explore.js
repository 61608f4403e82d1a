// kg browser view, part 3: which nodes are drawn. The page keeps the whole view
// (graph.js) and draws a part of it: at start everything, or for a big view a
// summary (the most central entities plus one node per cluster standing for the
// entities not drawn). Filters by class and article, a neighbourhood mode, and
// expansions change that part; sync() brings vis-network's data sets in line.
(function () {
  "use strict";
  var KG = (window.KG = window.KG || {});
  var EXPAND_CAP = 200;  // nodes one expansion adds at most, most central first
  var CLUSTER_COLOR = "#5a6472";
  var LINK_CAP = 500;  // summed cluster links drawn at most

  KG.explorer = function (g, nodes, edges) {
    var network = null;  // attached once drawn: the first sync fills the data sets it starts from
    var data = g.data, budget = data.budget;
    var px = new Float64Array(g.n).fill(NaN), py = new Float64Array(g.n).fill(NaN);
    if (data.nodes.x) for (var i = 0; i < g.n; i++) { px[i] = data.nodes.x[i]; py[i] = data.nodes.y[i]; }
    var state;

    function initialState() {
      return {
        drawn: new Set(data.initial), kinds: new Set(data.kinds.map(function (_, k) { return k; })),
        articles: new Set(), hood: false, hops: 1, selected: -1,
      };
    }
    state = initialState();

    function inArticles(node) {
      if (!state.articles.size) return true;
      return g.cols.articles[node].some(function (a) { return state.articles.has(a); });
    }
    function passes(node) { return state.kinds.has(g.cols.kind[node]) && inArticles(node); }

    function baseNodes() {
      if (state.hood && state.selected >= 0) return g.ball(state.selected, state.hops);
      if (state.articles.size) {
        var found = new Set();
        state.articles.forEach(function (a) { g.articleNodes[a].forEach(function (n) { found.add(n); }); });
        return Array.from(found).sort(function (a, b) { return a - b; });
      }
      return Array.from(state.drawn).sort(function (a, b) { return a - b; });
    }

    // The node indices to draw, and whether clusters stand in for the rest.
    function visible() {
      var shown = baseNodes().filter(passes);
      var focused = state.hood || state.articles.size > 0;
      if (focused && shown.length > budget) shown = shown.slice(0, budget);
      if (state.selected >= 0 && shown.indexOf(state.selected) < 0) shown.push(state.selected);
      return { nodes: shown, clusters: !focused && data.mode === "summary" };
    }

    function nodeItem(node) {
      var k = g.kindOf(node), item = {
        id: g.ids[node], label: g.cols.label[node], color: k[2], size: g.cols.size[node],
        group: k[0], title: KG.el("div", g.tip(node), "kg-tooltip"),
      };
      if (!isNaN(px[node])) { item.x = px[node]; item.y = py[node]; }
      return item;
    }

    function edgeItem(edge) {
      var p = data.predicates[g.edges.predicate[edge]];
      var item = {
        id: "e" + edge, from: g.ids[g.edges.from[edge]], to: g.ids[g.edges.to[edge]], label: p[1],
        title: KG.el("div", p[2], "kg-tooltip"), arrows: "to",
      };
      if (g.nth[edge]) item.smooth = { enabled: true, type: "curvedCW", roundness: 0.2 * g.nth[edge] };
      return item;
    }

    function clusterId(c) { return "kg-cluster:" + c; }

    function clusterItem(c, count) {
      return {
        id: clusterId(c), label: data.clusters.label[c] + " +" + count, shape: "hexagon",
        size: Math.min(40, 12 + 3 * Math.log2(count)), color: CLUSTER_COLOR, x: data.clusters.x[c],
        y: data.clusters.y[c], font: { color: "#1f2328", size: 15 },
        title: KG.el("div", "群组 cluster: " + count + " 个未显示的实体 entities not drawn\n双击展开 double-click to expand", "kg-tooltip"),
      };
    }

    function linkItem(id, count) {
      var ends = id.slice("kg-link:".length).split("\u0000");
      return {
        id: id, from: ends[0], to: ends[1], width: Math.min(6, 1 + Math.log2(count)),
        color: { color: "#d5dae0" }, title: KG.el("div", count + " 条关系 relations", "kg-tooltip"),
      };
    }

    // Adds to `wantNodes`/`wantEdges` (id -> version) one node per cluster with
    // hidden members, and the summed links of those members.
    function wantClusters(shownSet, wantNodes, wantEdges) {
      var hidden = data.clusters.label.map(function () { return 0; }), links = new Map();
      for (var node = 0; node < g.n; node++) if (!shownSet.has(node) && passes(node)) hidden[g.clusterOf(node)]++;
      hidden.forEach(function (count, c) { if (count) wantNodes.set(clusterId(c), count); });
      function end(node) {
        if (shownSet.has(node)) return g.ids[node];
        return passes(node) && hidden[g.clusterOf(node)] ? clusterId(g.clusterOf(node)) : null;
      }
      for (var edge = 0; edge < g.m; edge++) {
        var f = g.edges.from[edge], t = g.edges.to[edge];
        if (shownSet.has(f) && shownSet.has(t)) continue;
        var a = end(f), b = end(t);
        if (!a || !b || a === b) continue;
        var id = "kg-link:" + (a < b ? a + "\u0000" + b : b + "\u0000" + a);
        links.set(id, (links.get(id) || 0) + 1);
      }
      // Only the strongest links: every drawn entity touches several clusters, and
      // thousands of links would cost more to draw than the whole summary.
      Array.from(links).sort(function (x, y) { return y[1] - x[1] || (x[0] < y[0] ? -1 : 1); })
        .slice(0, LINK_CAP).forEach(function (link) { wantEdges.set(link[0], link[1]); });
    }

    // What each data set holds: id -> version (a cluster's count; 0 for entities and edges).
    var held = { nodes: new Map(), edges: new Map() };

    function removeUnwanted(dataSet, current, wanted) {
      var gone = [];
      current.forEach(function (_, id) { if (!wanted.has(id)) gone.push(id); });
      gone.forEach(function (id) { current.delete(id); });
      if (gone.length) dataSet.remove(gone);
    }

    // Items are made only for what is new or changed, so a sync costs little
    // when most of the drawing stays.
    function addChanged(dataSet, current, wanted, make) {
      var added = [], changed = [];
      wanted.forEach(function (version, id) {
        if (!current.has(id)) added.push(make(id, version));
        else if (current.get(id) !== version) changed.push(make(id, version));
        current.set(id, version);
      });
      if (added.length) dataSet.add(added);
      if (changed.length) dataSet.update(changed);
    }

    function makeNode(id, version) {
      return id.indexOf("kg-cluster:") === 0 ? clusterItem(Number(id.split(":")[1]), version) : nodeItem(g.indexOf.get(id));
    }

    function makeEdge(id, version) {
      return id.indexOf("kg-link:") === 0 ? linkItem(id, version) : edgeItem(Number(id.slice(1)));
    }

    function rememberPositions() {
      var where = network.getPositions();
      Object.keys(where).forEach(function (id) {
        var node = g.indexOf.get(id);
        if (node !== undefined) { px[node] = where[id].x; py[node] = where[id].y; }
      });
    }

    function sync() {
      if (network && nodes.length) rememberPositions();
      var v = visible(), shownSet = new Set(v.nodes), wantNodes = new Map(), wantEdges = new Map();
      v.nodes.forEach(function (node) {
        wantNodes.set(g.ids[node], 0);
        g.adj[node].forEach(function (edge) {
          if (g.edges.from[edge] === node && shownSet.has(g.edges.to[edge])) wantEdges.set("e" + edge, 0);
        });
      });
      if (v.clusters) wantClusters(shownSet, wantNodes, wantEdges);
      removeUnwanted(edges, held.edges, wantEdges);  // edges first, so none points at a removed node
      removeUnwanted(nodes, held.nodes, wantNodes);
      addChanged(nodes, held.nodes, wantNodes, makeNode);
      addChanged(edges, held.edges, wantEdges, makeEdge);
      if (network && state.selected >= 0) network.selectNodes([g.ids[state.selected]]);
      document.body.dataset.drawn = String(v.nodes.length);
      return v;
    }

    function expand(nodeList) {
      nodeList.filter(function (n) { return !state.drawn.has(n); }).slice(0, EXPAND_CAP)
        .forEach(function (n) { state.drawn.add(n); });
    }

    function clusterMembers(c, shownSet) {
      var members = [];
      for (var node = 0; node < g.n; node++) {
        if (g.clusterOf(node) === c && !shownSet.has(node) && passes(node)) members.push(node);
      }
      return members;
    }

    return {
      attach: function (drawnBy) { network = drawnBy; },
      state: function () { return state; },
      sync: sync,
      shown: function (node) { return held.nodes.has(g.ids[node]); },
      select: function (node) { state.selected = node; if (!state.hood) state.drawn.add(node); return sync(); },
      unselect: function () { state.selected = -1; if (state.hood) sync(); },
      expand: function (node) { state.hood = false; expand(g.neighbours(node)); return sync(); },
      expandCluster: function (c) {
        expand(clusterMembers(c, new Set(visible().nodes)));
        return sync();
      },
      clusterMembers: function (c) { return clusterMembers(c, new Set(visible().nodes)); },
      setKind: function (k, on) { if (on) state.kinds.add(k); else state.kinds.delete(k); return sync(); },
      setArticle: function (a, on) { if (on) state.articles.add(a); else state.articles.delete(a); return sync(); },
      setHood: function (on, hops) { state.hood = on; if (hops) state.hops = hops; return sync(); },
      reset: function () { rememberPositions(); state = initialState(); return sync(); },
    };
  };
})();
