// The query page: named queries in a list, an editor, results as a table.
// Every piece of text from the server goes into the DOM with textContent only.
"use strict";

const PREFIXES = {
  "https://kg.example.org/ontology#": "kgo:",
  "https://kg.example.org/id/": "kg:",
  "https://schema.org/": "schema:",
  "http://www.w3.org/ns/prov#": "prov:",
  "http://www.w3.org/2006/time#": "time:",
  "http://purl.org/dc/terms/": "dcterms:",
  "http://www.w3.org/2004/02/skos/core#": "skos:",
  "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
  "http://www.w3.org/2001/XMLSchema#": "xsd:",
  "http://www.w3.org/2002/07/owl#": "owl:",
};

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function compact(iri) {
  for (const [ns, prefix] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && iri.length > ns.length) return prefix + iri.slice(ns.length);
  }
  return iri;
}

function setStatus(text, isError) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

function cell(term) {
  if (!term) return el("td", "");
  if (term.type === "uri") {
    const td = el("td", compact(term.value), "uri");
    td.title = term.value;
    return td;
  }
  return el("td", term.value);
}

function showSolutions(data, target, truncated) {
  if (typeof data.boolean === "boolean") {
    target.replaceChildren(el("p", "ASK: " + data.boolean));
    return "";
  }
  const vars = data.head.vars;
  const rows = data.results.bindings;
  const table = el("table");
  const head = el("tr");
  for (const name of vars) head.appendChild(el("th", name));
  table.appendChild(el("thead")).appendChild(head);
  const body = table.appendChild(el("tbody"));
  for (const row of rows) {
    const tr = el("tr");
    for (const name of vars) tr.appendChild(cell(row[name]));
    body.appendChild(tr);
  }
  target.replaceChildren(table);
  return rows.length + " row(s)" + (truncated ? ", cut at the result limit" : "");
}

async function runQuery() {
  const text = document.getElementById("editor").value;
  const target = document.getElementById("results");
  setStatus("running…", false);
  const started = performance.now();
  let response;
  try {
    response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: text,
    });
  } catch (err) {
    setStatus("cannot reach the server: " + err, true);
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2) + " s";
  const body = await response.text();
  if (!response.ok) {
    target.replaceChildren();
    setStatus(response.status + ": " + body, true);
    return;
  }
  const truncated = response.headers.get("X-Kg-Truncated") === "true";
  const type = response.headers.get("Content-Type") || "";
  if (type.includes("json")) {
    setStatus(showSolutions(JSON.parse(body), target, truncated) + " in " + seconds, false);
  } else {
    target.replaceChildren(el("pre", body));
    setStatus("graph" + (truncated ? ", cut at the result limit" : "") + " in " + seconds, false);
  }
}

// A value typed for a parameter, as a SPARQL term: Chinese text is a Chinese
// label (as `kg query --bind` reads it); <iri> and "literal"@tag are kept.
function term(value) {
  if (/^[<"]/.test(value)) return value;
  const escaped = value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
  return /[\u3400-\u9fff]/.test(value) ? '"' + escaped + '"@zh' : '"' + escaped + '"';
}

// The named query with a VALUES line for each filled parameter, first in its
// WHERE clause: the editor shows exactly what runs, and it runs on any server.
function bound(text, values) {
  const lines = Object.entries(values)
    .filter(([, value]) => value.trim())
    .map(([name, value]) => "  VALUES ?" + name + " { " + term(value.trim()) + " }");
  const where = /^(?!\s*#).*?WHERE\s*\{/im.exec(text); // not in a comment line
  if (!lines.length || !where) return text;
  const at = where.index + where[0].length;
  return text.slice(0, at) + "\n" + lines.join("\n") + text.slice(at);
}

function showParameters(query) {
  const box = document.getElementById("params");
  box.replaceChildren();
  const values = {};
  for (const [name, about] of query.parameters || []) {
    values[name] = "";
    const id = "param-" + name;
    const label = el("label", "?" + name);
    label.htmlFor = id;
    label.title = about;
    const input = el("input");
    input.id = id;
    input.dataset.name = name;
    const example = /e\.g\. (\S+)/.exec(about);
    input.placeholder = example ? example[1] : "";
    input.title = about;
    input.addEventListener("input", () => {
      values[name] = input.value;
      document.getElementById("editor").value = bound(query.text, values);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") runQuery();
    });
    box.append(label, input);
  }
  return box.querySelector("input");
}

async function loadQueries() {
  const list = document.getElementById("queries");
  let queries = [];
  try {
    queries = await (await fetch("/queries")).json();
  } catch (err) {
    list.replaceChildren(el("li", "cannot load the named queries: " + err));
    return;
  }
  for (const query of queries) {
    const button = el("button");
    button.type = "button";
    button.appendChild(el("span", query.name, "name"));
    button.appendChild(el("span", query.question));
    button.addEventListener("click", () => {
      for (const other of list.querySelectorAll("button")) other.classList.remove("active");
      button.classList.add("active");
      document.getElementById("editor").value = query.text;
      document.getElementById("question").textContent = query.question;
      const first = showParameters(query);
      if (first) {
        // Asked of one thing: wait for its value (Run without one answers for all).
        first.focus();
        setStatus("give ?" + first.dataset.name + " a value and press Enter, or Run for all", false);
      } else {
        runQuery();
      }
    });
    list.appendChild(el("li")).appendChild(button);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("run").addEventListener("click", runQuery);
  document.getElementById("editor").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runQuery();
    }
  });
  loadQueries();
});
