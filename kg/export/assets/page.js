// kg browser view, part 4: puts it together: the network, the legend (which is
// also the class filter), search, the article filter, neighbourhood mode, reset.
(function () {
  "use strict";
  var KG = window.KG, el = KG.el;
  var times = (window.kgTimes = { start: performance.now() });
  var data;
  try {
    data = KG.loadData();
  } catch (err) {
    document.getElementById("kg-panel").replaceChildren(el("p", err.message, "kg-error"));
    throw err;
  }
  var g = KG.graph(data);
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var view = KG.explorer(g, nodes, edges);
  view.sync();  // before the network exists, so its first layout sees the nodes
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  view.attach(network);
  var status = document.getElementById("kg-status");
  var panel = KG.panel(g, {
    select: function (node) { select(node); },
    expand: function (node) { hood.checked = false; view.expand(node); select(node, false); },
    expandCluster: function (c) { view.expandCluster(c); report(); panel.hint(); },
    neighbourhood: function (node) { setHood(true); select(node); },
    shown: function (node) { return view.shown(node); },
  });

  function report() {
    var drawn = Number(document.body.dataset.drawn || 0), s = view.state();
    var text = "显示 " + drawn + " / " + g.n + " 个实体 · showing " + drawn + " of " + g.n + " entities";
    if (s.hood && s.selected < 0) text += " · 选一个节点 pick a node";
    else if (data.mode === "summary" && !s.hood && !s.articles.size) text += " · 概览 summary: 双击展开 double-click to expand";
    status.textContent = text;
    status.title = text;
  }

  // Selects a node (drawing it if it was not), shows it in the panel and, unless
  // the user clicked it where it is, brings it to the centre.
  function select(node, focus) {
    view.select(node);
    report();
    network.selectNodes([g.ids[node]]);
    if (focus !== false) {
      network.focus(g.ids[node], { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300 } });
    }
    panel.showNode(node);
  }

  function markReady() {
    if (document.body.dataset.ready) return;
    if (data.physics) {
      network.setOptions({ physics: false });
      view.sync();  // keeps the settled positions for nodes that filters later remove and restore
    }
    times.ready = performance.now();
    document.body.dataset.ready = "true";
  }
  network.once("afterDrawing", function () { times.firstDraw = performance.now(); });
  if (data.physics && data.initial.length) network.once("stabilizationIterationsDone", markReady);
  else network.once("afterDrawing", markReady);

  // Legend entries are checkboxes: unticking a class hides its nodes.
  function renderLegend() {
    var legend = document.getElementById("kg-legend");
    data.kinds.forEach(function (kind, k) {
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.kind = kind[0];
      box.addEventListener("change", function () { view.setKind(k, box.checked); report(); });
      var swatch = el("span", null, "kg-swatch");
      swatch.style.background = kind[2];
      var label = el("label");
      label.append(box, swatch, document.createTextNode(kind[1]));
      var li = el("li");
      li.appendChild(label);
      legend.appendChild(li);
    });
    if (data.mode === "summary") {
      var li = el("li", null, "kg-cluster-key");
      var swatch = el("span", null, "kg-swatch kg-hex");
      li.append(swatch, document.createTextNode("群组 cluster (+ 未显示 not drawn)"));
      legend.appendChild(li);
    }
  }

  function popupList(list, items, render) {
    list.replaceChildren();
    items.forEach(function (item) { list.appendChild(render(item)); });
    list.hidden = items.length === 0;
  }

  var search = document.getElementById("kg-search");
  var matchList = document.getElementById("kg-matches");
  function renderMatches() {
    popupList(matchList, g.findNodes(search.value).slice(0, 12), function (node) {
      var label = g.cols.label[node] + (g.cols.en[node] ? "  " + g.cols.en[node] : "");
      var li = el("li");
      li.appendChild(KG.button(label, function () { matchList.hidden = true; select(node); }, "kg-match"));
      return li;
    });
  }
  search.addEventListener("input", renderMatches);
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var found = g.findNodes(search.value);
    matchList.hidden = true;
    if (found.length) select(found[0]);
  });

  // The article filter: a searchable list, since a corpus can hold thousands of articles.
  var articleSearch = document.getElementById("kg-article-search");
  var articleList = document.getElementById("kg-article-matches");
  var chosenList = document.getElementById("kg-chosen-articles");
  var articleText = data.articles.map(function (a) { return KG.fold([a[1], a[2], a[0]].join(" ")); });
  function articleName(a) {
    var row = data.articles[a];
    return (row[1] || row[0]) + (row[2] ? " · " + row[2] : "");
  }
  function chooseArticle(a, on) {
    view.setArticle(a, on);
    report();
    renderChosen();
  }
  function renderArticles() {
    var q = KG.fold(articleSearch.value), found = [];
    for (var a = 0; a < data.articles.length && found.length < 50; a++) {
      if (!q || articleText[a].indexOf(q) >= 0) found.push(a);
    }
    popupList(articleList, found, function (a) {
      var box = el("input");
      box.type = "checkbox";
      box.checked = view.state().articles.has(a);
      box.addEventListener("change", function () { chooseArticle(a, box.checked); });
      var label = el("label", null, "kg-match");
      label.append(box, document.createTextNode(" " + articleName(a)));
      var li = el("li");
      li.appendChild(label);
      return li;
    });
  }
  function renderChosen() {
    popupList(chosenList, Array.from(view.state().articles), function (a) {
      var li = el("li", articleName(a) + " ", "kg-chip");
      li.appendChild(KG.button("×", function () { chooseArticle(a, false); renderArticles(); }, "kg-link"));
      return li;
    });
  }
  articleSearch.addEventListener("input", renderArticles);
  articleSearch.addEventListener("focus", renderArticles);
  document.addEventListener("click", function (event) {
    if (!document.getElementById("kg-article-box").contains(event.target)) articleList.hidden = true;
    if (!document.getElementById("kg-search-box").contains(event.target)) matchList.hidden = true;
  });

  var hood = document.getElementById("kg-hood"), hops = document.getElementById("kg-hops");
  function setHood(on) {
    hood.checked = on;
    view.setHood(on, Number(hops.value));
    report();
  }
  hood.addEventListener("change", function () { setHood(hood.checked); });
  hops.addEventListener("change", function () { setHood(hood.checked); });

  document.getElementById("kg-reset").addEventListener("click", function () {
    hood.checked = false;
    hops.value = "1";
    search.value = "";
    articleSearch.value = "";
    document.querySelectorAll("#kg-legend input").forEach(function (box) { box.checked = true; });
    view.reset();
    renderChosen();
    report();
    panel.hint();
    network.unselectAll();
    network.fit();
  });

  function clusterIndex(id) { return Number(String(id).split(":")[1]); }

  function onPick(params) {
    var id = params.nodes[0];
    if (id !== undefined && g.indexOf.has(id)) select(g.indexOf.get(id), false);
    else if (id !== undefined) panel.showCluster(clusterIndex(id), view.clusterMembers(clusterIndex(id)));
    else if (params.edges.length && /^e\d+$/.test(params.edges[0])) panel.showEdge(Number(params.edges[0].slice(1)));
  }
  // A press held a little long (a slow touch, a busy page) is a "hold", not a
  // "click", in vis-network; both pick what is under the pointer.
  network.on("click", onPick);
  network.on("hold", onPick);
  network.on("doubleClick", function (params) {
    var id = params.nodes[0];
    if (id === undefined) return;
    hood.checked = false;
    if (g.indexOf.has(id)) {
      view.expand(g.indexOf.get(id));
      panel.showNode(g.indexOf.get(id));
    } else {
      view.expandCluster(clusterIndex(id));
      panel.hint();
    }
    report();
  });

  renderLegend();
  report();
  if (!data.initial.length) markReady();
  document.body.dataset.nodeCount = String(g.n);
  window.network = network;
  window.kg = {
    network: network, nodes: nodes, edges: edges, graph: g, view: view, findNodes: g.findNodes,
    select: select, selectNode: function (id) { select(g.indexOf.get(id)); },
  };
})();
