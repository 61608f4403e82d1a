// kg browser view, part 2: the side panel. Every piece of data reaches the DOM
// through textContent (never innerHTML), so names or sentences holding markup stay text.
(function () {
  "use strict";
  var KG = (window.KG = window.KG || {});
  var CHUNK = 30;  // rows drawn at once: a county in a big corpus has thousands of sentences

  KG.el = function (tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  };
  var el = KG.el;

  KG.button = function (text, onClick, className) {
    var b = el("button", text, className || "kg-link");
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  };

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

  // actions: select(node), expand(node), expandCluster(cluster), shown(node) -> bool.
  KG.panel = function (g, actions) {
    var panel = document.getElementById("kg-panel");

    function clear(heading) {
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
      var where = [title || article, date].filter(function (s) { return s; }).join(" · ");
      if (where) parent.appendChild(el("div", where, "kg-source"));
    }

    // Renders items into parent a chunk at a time, with a button for the next chunk.
    function addChunked(parent, items, render) {
      var shown = 0, more = KG.button("", next, "kg-more");
      function next() {
        more.remove();
        items.slice(shown, shown + CHUNK).forEach(function (item) { render(parent, item); });
        shown = Math.min(items.length, shown + CHUNK);
        if (shown < items.length) {
          more.textContent = "显示更多 show more (" + (items.length - shown) + ")";
          parent.appendChild(more);
        }
      }
      next();
    }

    function addQuantities(quantities) {
      if (!quantities.length) return;
      panel.appendChild(el("h3", "数据 Figures (" + quantities.length + ")"));
      var table = el("table"), head = el("tr");
      ["数值 value", "单位 unit", "指标 measure", "时期 period"].forEach(function (h) {
        head.appendChild(el("th", h));
      });
      table.appendChild(head);
      panel.appendChild(table);
      addChunked(panel, quantities, function (_, q) {
        var tr = el("tr");
        [q.value, q.unit, q.measure, q.period].forEach(function (cell) { tr.appendChild(el("td", cell)); });
        if (q.sentence) tr.title = q.sentence;
        table.appendChild(tr);
      });
    }

    function addRelations(node) {
      var edges = g.adj[node];
      if (!edges.length) return;
      panel.appendChild(el("h3", "关系 Relations (" + edges.length + ")"));
      var ul = el("ul");
      panel.appendChild(ul);
      addChunked(ul, edges, function (list, edge) {
        var info = g.edgeInfo(edge), other = g.other(edge, node);
        var li = el("li", (info.from === node ? "→ " : "← ") + info.label_zh + " ");
        li.appendChild(KG.button(g.cols.label[other], function () { actions.select(other); }));
        list.appendChild(li);
      });
    }

    function addActions(node) {
      var hidden = g.neighbours(node).filter(function (o) { return !actions.shown(o); }).length;
      var bar = el("div", null, "kg-actions");
      if (hidden) {
        bar.appendChild(KG.button("展开 " + hidden + " 个邻居 · expand " + hidden + " neighbours",
          function () { actions.expand(node); }, "kg-action"));
      }
      bar.appendChild(KG.button("只看邻域 · neighbourhood only", function () { actions.neighbourhood(node); }, "kg-action"));
      panel.appendChild(bar);
    }

    function showNode(node) {
      var n = g.nodeInfo(node);
      clear(n.label);
      addFields([["类型 class", n.kind_label], ["拼音 / English", n.label_en], ["代码 code", n.code],
        ["上级 parents", n.parents.join(" › ")], ["标识 IRI", n.id]]);
      addActions(node);
      addQuantities(n.quantities);
      if (n.sentences.length) {
        panel.appendChild(el("h3", "来源 Sources (" + n.sentences.length + ")"));
        var sources = el("div");
        panel.appendChild(sources);
        addChunked(sources, n.sentences, function (parent, s) {
          addSource(parent, s.text, [s.mention], s.title, s.date, s.article);
        });
      }
      addRelations(node);
    }

    function showEdge(edge) {
      var e = g.edgeInfo(edge), from = g.cols.label[e.from], to = g.cols.label[e.to];
      clear(e.label_zh);
      addFields([["关系 relation", e.label_en], ["从 from", from], ["到 to", to]]);
      if (e.sentence) {
        panel.appendChild(el("h3", "来源 Source"));
        addSource(panel, e.sentence, [from, to], e.title, e.date, e.article);
      } else {
        panel.appendChild(el("p", "无来源句子(来自行政区划表)· no source sentence (gazetteer link)", "kg-hint"));
      }
    }

    function showCluster(cluster, members) {
      clear(g.data.clusters.label[cluster]);
      panel.appendChild(el("p", members.length + " 个未显示的实体 · entities not drawn", "kg-hint"));
      var bar = el("div", null, "kg-actions");
      bar.appendChild(KG.button("展开 · expand", function () { actions.expandCluster(cluster); }, "kg-action"));
      panel.appendChild(bar);
      panel.appendChild(el("h3", "最重要的 Most central"));
      var ul = el("ul");
      panel.appendChild(ul);
      addChunked(ul, members, function (list, node) {
        var li = el("li");
        li.appendChild(KG.button(g.cols.label[node], function () { actions.select(node); }));
        li.appendChild(el("span", " " + g.kindOf(node)[1], "kg-hint"));
        list.appendChild(li);
      });
    }

    function hint() {
      panel.replaceChildren(el("p", "点击节点或关系查看详情 · click a node or an edge for details", "kg-hint"));
    }

    return { showNode: showNode, showEdge: showEdge, showCluster: showCluster, hint: hint };
  };
})();
