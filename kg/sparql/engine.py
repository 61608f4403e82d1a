"""Run a SPARQL query in the embedded store and hold its answer as plain data.

The ontology's prefixes (kgo, schema, prov, time, dcterms, skos, rdfs, rdf,
xsd, owl) and ``kg:`` for the default instance base are predeclared, so
queries may use them without PREFIX lines. The store is read-only from here:
SPARQL Update is refused before it reaches the engine.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Union

import pyoxigraph as ox

from kg.errors import QueryError, UsageError
from kg.resources import query_files
from kg.sparql.federation import check_federation
from kg.sparql.store import has_named_graphs
from kg.vocab import DEFAULT_BASE
from kg.vocab import PREFIXES as VOCAB_PREFIXES

PREFIXES: dict[str, str] = {**VOCAB_PREFIXES, "kg": DEFAULT_BASE}

Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]  # noqa: UP007 (pyo3 classes)

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
# What may come before a query's first keyword: space, comments, PREFIX and BASE.
_PROLOGUE = re.compile(r"\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>", re.IGNORECASE)
_SYNTAX_POSITION = re.compile(r"^error at (\d+):(\d+):\s*")


@dataclass(frozen=True)
class Answer:
    """A query's answer: solutions (``select``), a boolean (``ask``) or triples (``graph``).

    ``truncated`` is True when the result limit cut rows or triples off.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


@dataclass(frozen=True)
class NamedQuery:
    """A competency question shipped in ``ontology/queries/{name}.rq``.

    ``question`` is the file's first two comment lines (Chinese, then English).
    ``parameters`` are the variables its ``# bind ?name: …`` lines declare,
    with what each takes: bound (``kg query --bind``), the question is asked
    of one thing (one place, one entity); unbound, of every one.
    """

    name: str
    question: str
    text: str
    parameters: tuple[tuple[str, str], ...] = ()


def first_keyword(text: str) -> str:
    """The first keyword after the prologue (comments, PREFIX, BASE), upper-cased.

    >>> first_keyword("PREFIX ex: <http://e/#a>  # note\\n insert data { }")
    'INSERT'
    >>> first_keyword("# only a comment")
    ''
    """
    pos = 0
    while (match := _PROLOGUE.match(text, pos)) and match.end() > pos:
        pos = match.end()
    word = re.match(r"[A-Za-z]+", text[pos:])
    return word.group(0).upper() if word else ""


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update request rather than a query.

    >>> is_update("DROP ALL"), is_update("SELECT * { ?s ?p ?o }")
    (True, False)
    """
    return first_keyword(text) in UPDATE_KEYWORDS


def with_prefixes(text: str) -> str:
    """``text`` with PREFIX lines for the predeclared prefixes it does not declare itself,
    so it runs on any SPARQL server.

    >>> with_prefixes("PREFIX kg: <http://e/> ASK {}").count("PREFIX kg:")
    1
    """
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([^\s:]*):", text, re.IGNORECASE)}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items() if p.lower() not in declared]
    return "\n".join([*lines, text])


def run_query(
    store: ox.Store,
    text: str,
    *,
    limit: int | None = None,
    bindings: Mapping[str, Term] | None = None,
    allow_service: Iterable[str] = (),
    timeout: float | None = None,
) -> Answer:
    """Run a read-only query; QueryError for updates and syntax errors (with the position).

    At most ``limit`` rows (or triples) are kept; the answer says when more came.
    ``bindings`` give variables a value before the query runs (SEP-0007
    substitution, done by the engine, so it plans with the value: a question
    about one place reads that place's triples, not the whole graph).
    UsageError for a variable the query does not have. A SERVICE clause is
    refused (FederationRefused) unless its endpoint is in ``allow_service``.
    With ``timeout``, QueryError once it has run that many seconds (see ``_bounded``).
    """
    if is_update(text):
        raise QueryError(
            f"this is a SPARQL Update ({first_keyword(text)}); kg only queries the built "
            "graph: change the articles and run `kg build` again"
        )
    check_federation(text, PREFIXES, allow_service)
    substitutions = {}
    variables = query_variables(text) if bindings else set()
    for name, term in (bindings or {}).items():
        if name not in variables:
            known = " ".join(f"?{v}" for v in sorted(variables)) or "none"
            raise UsageError(f"the query has no variable ?{name} to bind; its variables: {known}")
        substitutions[ox.Variable(name)] = term
    def evaluate() -> Answer:
        result = store.query(
            text,
            prefixes=PREFIXES,
            use_default_graph_as_union=has_named_graphs(store),
            substitutions=substitutions or None,
        )
        return _answer(result, limit)

    try:
        return _bounded(evaluate, timeout)
    except SyntaxError as err:
        raise QueryError(syntax_message(str(err))) from err
    except (OSError, ValueError, RuntimeError) as err:
        message = " ".join(str(err).split())
        if substitutions and "SELECT projection" in message:
            raise UsageError(f"only variables the query selects can be bound ({message})") from err
        raise QueryError(f"query failed: {message[:300]}") from err


def _bounded(evaluate: Callable[[], Answer], timeout: float | None) -> Answer:
    """``evaluate()`` run in a thread the caller waits on, so Ctrl-C (KeyboardInterrupt)
    and the time limit reach the caller while the query runs: pyoxigraph releases the
    GIL while it evaluates, but cannot be cancelled, so a stopped query's thread is
    left to the process's exit (a daemon). QueryError at the limit."""
    if timeout is None:
        return evaluate()
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["answer"] = evaluate()
        except BaseException as err:  # noqa: BLE001 - handed to the waiting caller
            box["error"] = err

    thread = threading.Thread(target=work, name="kg-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryError(
            f"query stopped: it ran past the {timeout:g} s time limit (--timeout sets it); "
            "narrow it down or add LIMIT"
        )
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["answer"]  # type: ignore[return-value]


def query_variables(text: str) -> set[str]:
    """The names of the variables written in ``text`` (``?x`` or ``$x``; comments,
    strings and IRIs skipped).

    >>> sorted(query_variables('SELECT ?a WHERE { ?a <http://e/?q=1> "?b" . $c ?p ?a } # ?d'))
    ['a', 'c', 'p']
    """
    names = set()
    for token in _TOKENS.finditer(text):
        if token.group("var"):
            names.add(token.group("var"))
    return names


_TOKENS = re.compile(
    r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|[?$](?P<var>[A-Za-z0-9_\u00b7\u0300-\uffff]+)"
)


def parse_binding(text: str) -> tuple[str, Term]:
    """``NAME=VALUE`` from the command line as a variable name and an RDF term.

    VALUE is read as SPARQL writes a term (``<iri>``, ``kgo:County``,
    ``"鹤山市"@zh``, ``42``); plain text that is not a term is a Chinese
    label when it has Han characters (``鹤山市`` means ``"鹤山市"@zh``, the
    way every ``rdfs:label`` the build writes is tagged), else a plain string.

    >>> parse_binding("place=鹤山市")
    ('place', <Literal value=鹤山市 language=zh>)
    >>> parse_binding("?k=kgo:County")[1].value
    'https://kg.example.org/ontology#County'
    >>> parse_binding("year=2025")[1].datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"[A-Za-z0-9_\u00b7\u0300-\uffff]+", name):
        raise UsageError(f"--bind takes NAME=VALUE (as place=鹤山市), not {text!r}")
    value = value.strip()
    if not value:
        raise UsageError(f"--bind {name}= needs a value")
    if re.search(r"[\u3400-\u9fff]", value) and not re.match(r"[\"'<]", value):
        return name, ox.Literal(value, language="zh")
    try:
        rows = list(
            ox.Store().query(f"SELECT ?v WHERE {{ VALUES ?v {{ {value} }} }}", prefixes=PREFIXES)
        )
    except SyntaxError:
        rows = []
    if len(rows) == 1 and rows[0][0] is not None:
        return name, rows[0][0]
    if re.match(r"[\"'<]", value):
        raise UsageError(f"--bind {name}: {value} is not an RDF term")
    return name, ox.Literal(value)


def canonical_label(store: ox.Store, term: Term) -> str | None:
    """The ``rdfs:label`` of the entity that has ``term`` as another name
    (``skos:altLabel``), when ``term`` is not itself a label; else None.
    Binding ``隆基`` finds nothing, but the user meant ``隆基硅能源``."""
    if not isinstance(term, ox.Literal) or term.language != "zh":
        return None
    found = store.query(
        "SELECT ?name ?label WHERE { FILTER NOT EXISTS { ?any rdfs:label ?name } "
        "?e skos:altLabel ?name ; rdfs:label ?label FILTER(lang(?label) = 'zh') } LIMIT 1",
        prefixes=PREFIXES,
        use_default_graph_as_union=has_named_graphs(store),
        substitutions={ox.Variable("name"): term},
    )
    return next((row["label"].value for row in found), None)


def syntax_message(message: str) -> str:
    """One line naming the line and column of a pyoxigraph syntax error.

    >>> syntax_message("error at 2:7: expected one of Prefix, ]")
    'SPARQL syntax error at line 2, column 7: expected one of Prefix, ]'
    """
    message = " ".join(message.split())
    found = _SYNTAX_POSITION.match(message)
    if not found:
        return f"SPARQL syntax error: {message[:300]}"
    line, column = found.groups()
    detail = message[found.end() :]
    if "Prefix not found" in detail:
        detail = f"unknown prefix (predeclared: {', '.join(PREFIXES)})"
    elif len(detail) > 200:
        detail = detail[:200] + "…"
    return f"SPARQL syntax error at line {line}, column {column}: {detail}"


def _answer(result: object, limit: int | None) -> Answer:
    if isinstance(result, ox.QueryBoolean):
        return Answer("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = tuple(v.value for v in result.variables)
        rows, truncated = _take(result, limit)
        return Answer("select", names, tuple(tuple(row) for row in rows), truncated=truncated)
    triples, truncated = _take(result, limit)
    return Answer("graph", triples=tuple(triples), truncated=truncated)


def _take(items, limit: int | None) -> tuple[list, bool]:
    """Up to ``limit`` items (all when None), and whether more were left."""
    taken = []
    for item in items:
        if limit is not None and len(taken) >= limit:
            return taken, True
        taken.append(item)
    return taken, False


def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name, from ``ontology/queries/*.rq``."""
    found = {}
    for name, path in query_files().items():
        text = path.read_text(encoding="utf-8")
        comments = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comments.append(line.lstrip("# ").strip())
        # Line one asks in Chinese, line two in English; later comments are notes,
        # or declare a parameter: "# bind ?place: 地名 a place's name, e.g. 鹤山市".
        parameters = tuple(
            (m.group(1), m.group(2).strip())
            for c in comments
            if (m := re.match(r"bind \?(\w+):(.*)", c))
        )
        question = " / ".join(c for c in comments[:2] if c)
        found[name] = NamedQuery(name, question, text, parameters)
    return found


def named_query(name: str) -> str:
    """Text of the named query ``name``; QueryError listing the known names otherwise."""
    queries = named_queries()
    if name not in queries:
        known = ", ".join(queries) or "none"
        raise QueryError(f"unknown query {name!r}; known: {known}")
    return queries[name].text


__all__ = [
    "PREFIXES",
    "Answer",
    "NamedQuery",
    "canonical_label",
    "first_keyword",
    "is_update",
    "named_queries",
    "named_query",
    "parse_binding",
    "query_variables",
    "run_query",
    "syntax_message",
    "with_prefixes",
]
