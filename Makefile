# Two commands do all the set-up on a fresh machine:
#   make serve   builds the site from this repository's signatures and serves it on http://127.0.0.1:8000/
#   make test    lints with ruff and zizmor (the workflows) and runs the whole test suite (installs Chromium for the browser tests if it is missing)
#   make demo    serves a throwaway copy with its own demo key and 3,000 generated signatures (scripts/demo.py)
#   make mutants plants known bugs one at a time in a copy and checks the tests catch each (on demand, slow)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Material for MkDocs prints an advert about MkDocs 2 on every build; it is noise here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test chromium bench demo mutants clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve

build: $(STAMP)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/petition check

test: $(STAMP) chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/zizmor --offline .github/workflows/
	$(BIN)/python -m pytest -n 2

chromium:
	@scripts/ensure-chromium

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

# A throwaway copy in a temporary folder: its own key, generated signatures, pages marked as a demo.
demo: $(STAMP)
	$(BIN)/python scripts/demo.py

# Plants each known bug in a copy of the repository and checks its tests catch it (scripts/mutants.py).
mutants: $(STAMP) chromium
	$(BIN)/python scripts/mutants.py

clean:
	rm -rf $(VENV) site .pytest_cache .hypothesis
