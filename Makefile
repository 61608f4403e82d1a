# Two commands: `make demo` builds the graph from data/ into out/; `make test` runs the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test build lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build data/articles --out out

build: demo

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check kg tests bench tools

clean:
	rm -rf out/*.ttl out/*.html out/*.jsonld out/*.graphml out/*.trig out/kg-data.*.js out/lib out/kg.oxigraph out/.kg-builds out/.kg-current \
		out/report out/kg.gexf out/kg-nodes.csv out/kg-edges.csv
