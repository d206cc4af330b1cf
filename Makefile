# newsfacts — `make ingest` and `make test` work on a fresh clone with only Python 3.11+ and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
CORPUS ?= corpus
DB     ?= out/facts.db
STAMP  := $(VENV)/.installed

.PHONY: ingest test eval bench bench-full browse clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench,export,cluster,browse]'
	touch $(STAMP)

ingest: $(STAMP)
	mkdir -p $(dir $(DB))
	$(BIN)/newsfacts ingest $(CORPUS) --db $(DB)

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/newsfacts eval

# make bench FULL=1 (or make bench-full) = newsfacts bench --full: every HTML page and the 100k corpus
bench: $(STAMP)
	$(BIN)/newsfacts bench $(if $(FULL),--full)

bench-full: $(STAMP)
	$(BIN)/newsfacts bench --full

browse: $(STAMP)
	$(BIN)/newsfacts browse --db $(DB)

clean:
	rm -rf out/* .pytest_cache build *.egg-info
