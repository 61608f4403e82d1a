// kg browser view: draws the graph with vis-network and fills the side panel.
// Every piece of data reaches the DOM through textContent (never innerHTML), and
// tooltips are DOM elements, so names or sentences holding markup stay text.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var details = data.details;
  var panel = document.getElementById("kg-panel");

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function tooltip(text) {
    return el("div", text, "kg-tooltip");
  }

  // Appends text to parent with every occurrence of the terms wrapped in <mark>.
  function appendHighlighted(parent, text, terms) {
    var wanted = terms.filter(function (t) { return t; });
    wanted.sort(function (a, b) { return b.length - a.length; });
    var rest = String(text);
    while (rest.length) {
      var at = -1, term = "";
      wanted.forEach(function (t) {
        var i = rest.indexOf(t);
        if (i >= 0 && (at < 0 || i < at)) { at = i; term = t; }
      });
      if (at < 0) { parent.appendChild(document.createTextNode(rest)); return; }
      if (at > 0) parent.appendChild(document.createTextNode(rest.slice(0, at)));
      parent.appendChild(el("mark", term));
      rest = rest.slice(at + term.length);
    }
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, { title: tooltip(n.tip) });
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return Object.assign({}, e, { title: tooltip(e.tip) });
  }));
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  function markReady() {
    network.setOptions({ physics: false });
    document.body.dataset.ready = "true";
  }
  network.once("stabilizationIterationsDone", markReady);
  if (data.nodes.length === 0) markReady();

  function renderLegend() {
    var legend = document.getElementById("kg-legend");
    data.legend.forEach(function (item) {
      var li = el("li");
      var swatch = el("span", null, "kg-swatch");
      swatch.style.background = item.color;
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(item.label));
      legend.appendChild(li);
    });
  }

  function clearPanel(heading) {
    panel.replaceChildren();
    panel.appendChild(el("h2", heading));
  }

  function addFields(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") return;
      dl.appendChild(el("dt", row[0]));
      dl.appendChild(el("dd", row[1]));
    });
    panel.appendChild(dl);
  }

  function addSource(parent, text, terms, title, date, article) {
    var p = el("p", null, "kg-sentence");
    appendHighlighted(p, text, terms);
    parent.appendChild(p);
    var source = [title || article, date].filter(function (s) { return s; }).join(" · ");
    if (source) parent.appendChild(el("div", source, "kg-source"));
  }

  function addQuantities(quantities) {
    if (!quantities.length) return;
    panel.appendChild(el("h3", "数据 Figures"));
    var table = el("table");
    var head = el("tr");
    ["数值 value", "单位 unit", "指标 measure", "时期 period"].forEach(function (h) {
      head.appendChild(el("th", h));
    });
    table.appendChild(head);
    quantities.forEach(function (q) {
      var tr = el("tr");
      [q.value, q.unit, q.measure, q.period].forEach(function (cell) { tr.appendChild(el("td", cell)); });
      if (q.sentence) tr.title = q.sentence;
      table.appendChild(tr);
    });
    panel.appendChild(table);
  }

  function addRelations(id) {
    var rows = Object.keys(details.edges).map(function (key) { return details.edges[key]; })
      .filter(function (e) { return e.from === id || e.to === id; });
    if (!rows.length) return;
    panel.appendChild(el("h3", "关系 Relations"));
    var ul = el("ul");
    rows.forEach(function (e) {
      var other = e.from === id ? e.to : e.from;
      var li = el("li", (e.from === id ? "→ " : "← ") + e.label_zh + " ");
      var link = el("button", details.nodes[other].label, "kg-link");
      link.type = "button";
      link.addEventListener("click", function () { selectNode(other); });
      li.appendChild(link);
      ul.appendChild(li);
    });
    panel.appendChild(ul);
  }

  function showNode(id) {
    var n = details.nodes[id];
    clearPanel(n.label);
    addFields([["类型 class", n.kind_label], ["拼音 / English", n.label_en], ["代码 code", n.code],
      ["上级 parents", n.parents.join(" › ")], ["标识 IRI", id]]);
    addQuantities(n.quantities);
    if (n.sentences.length) panel.appendChild(el("h3", "来源 Sources"));
    n.sentences.forEach(function (s) {
      addSource(panel, s.text, [s.mention], s.title, s.date, s.article);
    });
    addRelations(id);
  }

  function showEdge(id) {
    var e = details.edges[id];
    clearPanel(e.label_zh);
    addFields([["关系 relation", e.label_en], ["从 from", details.nodes[e.from].label],
      ["到 to", details.nodes[e.to].label]]);
    if (e.sentence) {
      panel.appendChild(el("h3", "来源 Source"));
      addSource(panel, e.sentence, [details.nodes[e.from].label, details.nodes[e.to].label],
        e.title, e.date, e.article);
    } else {
      panel.appendChild(el("p", "无来源句子(来自行政区划表)· no source sentence (gazetteer link)", "kg-hint"));
    }
  }

  function selectNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: { duration: 300 } });
    showNode(id);
  }

  function fold(text) {
    return String(text || "").toLowerCase().replace(/[\s\-']/g, "");
  }

  // Nodes whose label or pinyin label contains the query: exact, then prefix, then shortest.
  function findNodes(query) {
    var q = fold(query);
    if (!q) return [];
    var found = [];
    Object.keys(details.nodes).forEach(function (id) {
      var n = details.nodes[id];
      var names = [fold(n.label), fold(n.label_en)];
      var rank = names.reduce(function (best, name) {
        var r = name === q ? 0 : name.indexOf(q) === 0 ? 1 : name.indexOf(q) > 0 ? 2 : 3;
        return Math.min(best, r);
      }, 3);
      if (rank < 3) found.push({ id: id, rank: rank, label: n.label });
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || a.label.length - b.label.length || (a.label < b.label ? -1 : 1);
    });
    return found.map(function (f) { return f.id; });
  }

  var search = document.getElementById("kg-search");
  var matchList = document.getElementById("kg-matches");

  function renderMatches() {
    matchList.replaceChildren();
    var ids = findNodes(search.value).slice(0, 12);
    ids.forEach(function (id) {
      var n = details.nodes[id];
      var button = el("button", n.label + (n.label_en ? "  " + n.label_en : ""));
      button.type = "button";
      button.addEventListener("click", function () { pick(id); });
      var li = el("li");
      li.appendChild(button);
      matchList.appendChild(li);
    });
    matchList.hidden = ids.length === 0;
  }

  function pick(id) {
    matchList.hidden = true;
    selectNode(id);
  }

  search.addEventListener("input", renderMatches);
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var ids = findNodes(search.value);
    if (ids.length) pick(ids[0]);
  });

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  renderLegend();
  document.body.dataset.nodeCount = String(nodes.length);
  window.network = network;
  window.kg = { network: network, nodes: nodes, edges: edges, selectNode: selectNode, findNodes: findNodes };
})();
