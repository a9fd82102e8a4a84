# ClassLab: `make serve` for a classroom, `make test` for the whole suite, `make bench` for figures.
# Works on a fresh machine with only python3: the virtual environment is made when missing and the
# project is (re)installed only when pyproject.toml changes (stamp files inside .venv).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8866
CULL_IDLE ?= 600
INSTALLED := $(VENV)/.installed
INSTALLED_TEST := $(VENV)/.installed-test

.PHONY: serve test bench clean chromium postgresql hubproxy poppler

# make serve LAN=1: pupils' own devices on the school network; TEACHER_LAN=1: the board too (behind the key);
# MAX_PAGES=N: most lab pages open at once (default from this computer's memory);
# PREHEAT=N: kernels kept ready for each lab so a page opens at once (default 1; PREHEAT=0 turns it off);
# PREHEAT_LAB=smarties=15: that many for the lab a class is about to use (one for each group's page).
LAN ?=
TEACHER_LAN ?=
MAX_PAGES ?=
PREHEAT ?=
PREHEAT_LAB ?=
SERVE_OPTIONS := $(if $(filter-out 0,$(LAN)),--lan) $(if $(filter-out 0,$(TEACHER_LAN)),--teacher-lan) \
	$(if $(MAX_PAGES),--max-pages $(MAX_PAGES)) $(if $(PREHEAT),--preheat $(PREHEAT)) \
	$(foreach lab,$(PREHEAT_LAB),--preheat-lab $(lab))

serve: $(INSTALLED)
	$(BIN)/classlab serve --port $(PORT) --cull-idle $(CULL_IDLE) $(SERVE_OPTIONS)

test: $(INSTALLED_TEST) chromium postgresql hubproxy poppler
	$(BIN)/python -m pytest

# make bench: issue 9's aims in one run (benchmarks/aims.py, ~10 min), then the class arriving through JupyterHub.
# The sampler's and the class store's own figures: .venv/bin/python benchmarks/run.py (docs/speed.md).
bench: $(INSTALLED_TEST) chromium hubproxy
	$(BIN)/python benchmarks/aims.py
	$(BIN)/python benchmarks/hub_arrival.py

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "ClassLab needs Python 3.11 or newer; $(PYTHON) is older. Try: make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Could not make a virtual environment. On Debian or Ubuntu: apt-get install python3-venv"; exit 1; }

$(INSTALLED): pyproject.toml | $(BIN)/python
	@echo "Installing ClassLab into $(VENV) (a minute or two the first time)..."
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(INSTALLED_TEST): pyproject.toml | $(BIN)/python
	@echo "Installing ClassLab and its test tools into $(VENV) (a minute or two the first time)..."
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(INSTALLED)

# The browser tests use Debian's Chromium; Playwright never downloads a browser of its own.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	  else \
	    echo "The browser tests need Chromium at /usr/bin/chromium. Ask an administrator to run:"; \
	    echo "    sudo apt-get update && sudo apt-get install -y chromium"; \
	    exit 1; \
	  fi; \
	fi

# The book's tests turn its PDF's pages into pictures with pdftoppm (Debian's poppler-utils) to check them,
# and watch the print with strace to show that nothing leaves the computer.
poppler:
	@if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v strace >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y poppler-utils strace; \
	  else \
	    echo "The book tests need pdftoppm and strace. Ask an administrator to run:"; \
	    echo "    sudo apt-get update && sudo apt-get install -y poppler-utils strace"; \
	    exit 1; \
	  fi; \
	fi

# The class store tests start a throwaway cluster from Debian's PostgreSQL programs (no service is run).
postgresql:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; \
	  else \
	    echo "The class store tests need PostgreSQL's programs (/usr/lib/postgresql/*/bin/initdb). Ask an administrator to run:"; \
	    echo "    sudo apt-get update && sudo apt-get install -y postgresql"; \
	    exit 1; \
	  fi; \
	fi

# JupyterHub's proxy for the hub tests and benchmark (tests/hub, benchmarks/hub_arrival.py): configurable-http-proxy
# from the npm registry, into .venv/chp (never fetched while testing). Without npm the hub tests are skipped.
CHP := $(VENV)/chp/node_modules/.bin/configurable-http-proxy
hubproxy: $(CHP)

$(CHP): | $(BIN)/python
	@if ! command -v npm >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y npm; \
	fi
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --prefix $(VENV)/chp --no-audit --no-fund --no-save --loglevel=error configurable-http-proxy@5; \
	else \
	  echo "The JupyterHub tests need npm for their proxy and will be skipped. Ask an administrator to run:"; \
	  echo "    sudo apt-get update && sudo apt-get install -y npm"; \
	fi

clean:
	rm -rf .pytest_cache .hypothesis build *.egg-info benchmarks/results tests/artifacts
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
