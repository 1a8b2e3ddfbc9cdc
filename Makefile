# One command to open the app, one to pass the tests; both set up their own virtual environment.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test test-fast bench fuzz data lint browser-deps clean

# Set-up says what it is doing (1-2 min the first time): pip lists each library as it goes.
$(STAMP): requirements.txt pyproject.toml
	@echo "[1/4] Creando el entorno virtual $(VENV) / creating the virtual environment…"
	$(PYTHON) -m venv $(VENV)
	@echo "[2/4] Actualizando pip / upgrading pip…"
	$(PY) -m pip install -q --upgrade pip
	@echo "[3/4] Instalando las bibliotecas de requirements.txt (1-2 min) / installing requirements…"
	$(PY) -m pip install --progress-bar off -r requirements.txt
	@echo "[4/4] Instalando el proyecto / installing the project…"
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)
	@echo "Listo / ready: $(VENV)"

setup: $(STAMP)

## Open the what-if app on the default national scenario (http://localhost:8501), on this
## computer only (127.0.0.1). On a network: `make run ADDRESS=0.0.0.0`, which needs sign-in in
## .streamlit/secrets.toml (README, «Acceso»), or INSECURE=1 on a trusted network.
ADDRESS ?= 127.0.0.1
PORT ?= 8501
run: setup
	$(PY) -m planner serve --address $(ADDRESS) --port $(PORT)$(if $(INSECURE), --insecure-local-network)

## Set up and run every test, the real-browser test included.
test: setup browser-deps
	$(PY) -m pytest

## Every test but the real-browser one.
test-fast: setup
	$(PY) -m pytest -m "not browser"

## Property-based tests exploring at random (CI runs a fixed, smaller set of examples).
fuzz: setup
	PLANNER_FUZZ_EXAMPLES=300 $(PY) -m pytest -q tests/test_fuzz.py tests/test_fuzz_everything_on.py

## Benchmarks (tables in benchmarks/README.md).
bench: setup
	$(PY) -m benchmarks.run

## Rebuild the default scenarios and the blank template in inputs/ from inputs/fuentes/
## (byte-identical files when nothing changed).
data: setup
	$(PY) -m planner.data build

lint: setup
	$(VENV)/bin/ruff check planner models tests benchmarks app.py

## Debian's Chromium for the end-to-end browser test (installed only when missing).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser test…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
