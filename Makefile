# Set-up and the two everyday jobs. Everything a fresh machine needs is installed here.
VENV ?= .venv
PYTHON ?= python3
STAMP := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test,server,html,ray]'
	touch $(STAMP)

## Extract the bundled example reports into events.csv and events.geojson.
demo: $(STAMP)
	$(VENV)/bin/lagebild extract examples -o events.csv -o events.geojson

## Run the whole test suite.
test: $(STAMP)
	$(VENV)/bin/python -m pytest

## Measure extraction speed (not a test).
bench: $(STAMP)
	$(VENV)/bin/python scripts/bench_extract.py

clean:
	rm -rf $(VENV) build *.egg-info events.csv events.geojson
