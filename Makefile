# One command to set up and see the product, one to test it. Everything runs from .venv.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo run test bench clean help
help:  ## list the targets
	@grep -E '^[a-z]+:.*##' Makefile | sed 's/:.*##/\t/'

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -U "pip==26.3"
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	PYTHONWARNINGS=ignore $(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)  ## create .venv from the locked versions

demo: $(STAMP)  ## two daily scans over the recorded seed articles, then the alerts
	$(BIN)/shenyang-monitor demo

run: $(STAMP)  ## one live scan of the configured sources
	$(BIN)/shenyang-monitor run

test: $(STAMP)  ## the whole test suite
	$(BIN)/python -m pytest -q

clean:  ## remove the venv and the local data
	rm -rf $(VENV) data
