# lis-analytics: make help lists every target.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KERNEL := lis-analytics
JOBS ?= 2
AREAS ?=

# Offline mirror of the official sources: used when ../shared/data exists (override freely).
ifneq ($(wildcard ../shared/data),)
LIS_DATA_MIRROR ?= $(abspath ../shared/data)
endif
export LIS_DATA_MIRROR

.DEFAULT_GOAL := help
.PHONY: help setup data test test-unit test-offline lint reports report bench golden clean

help: ## List every target
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

setup: $(BIN)/python ## Create .venv, install the package and its dependencies, register the Jupyter kernel
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (lis-analytics)"
	@echo "Set up. Kernel '$(KERNEL)' registered. Data mirror: $${LIS_DATA_MIRROR:-none (will download)}"

data: ## Build the processed data store (skips tables whose inputs are unchanged)
	$(BIN)/lis data build

test: ## Run unit, integration and doctest suites (integration uses the data mirror)
	$(BIN)/python -m pytest -q

test-unit: ## Run only the fast unit tests
	$(BIN)/python -m pytest -q -m "not integration"

test-offline: ## Unit tests as on a machine with no mirror, no network and no built data
	tmp=$$(mktemp -d) && env -u LIS_DATA_MIRROR LIS_DATA_PROCESSED=$$tmp/processed LIS_DATA_CACHE=$$tmp/raw \
	  $(BIN)/python -m pytest -q -m "not integration" -p no:cacheprovider; rc=$$?; rm -rf $$tmp; exit $$rc

lint: ## Check code style with ruff
	$(BIN)/ruff check lis_analytics tests benchmarks

reports: ## Evidence packs for every default area (AREAS="E37000015 E47000001" for some; FRAME=lgp gives every area the Local Growth Plan view, CAs and SAs have it anyway); builds stale tables first
	$(BIN)/lis reports --jobs $(JOBS) $(if $(AREAS),--areas "$(AREAS)",) $(if $(FRAME),--frame $(FRAME),)

report: ## One area's evidence pack: make report AREA=E37000015 (FRAME=lgp adds growth_plan.html; CAs and SAs have it anyway)
	$(BIN)/lis report $(AREA) $(if $(FRAME),--frame $(FRAME),)

bench: ## Benchmarks: TTWA speed and report batch timings
	$(BIN)/python benchmarks/bench_ttwa.py
	@if [ -f benchmarks/bench_reports.py ]; then $(BIN)/python benchmarks/bench_reports.py; fi

golden: ## Rebuild tests/golden/figures_*.csv (a deliberate act: review the diff and say why)
	$(BIN)/python -m tests.golden.make_golden

clean: ## Remove built data and reports (never the mirror)
	rm -rf data/processed reports/*/ reports/index.html reports/manifest.json
