# The two commands of the README: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench install-desktop remove-desktop check-python clean-venv

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ASE Prep needs Python 3.11 or newer (found %s)" % sys.version.split()[0])'

$(STAMP): requirements.lock pyproject.toml | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -m compileall -q app cli questions study main.py
	@touch $(STAMP)

run: $(STAMP)
	@bash scripts/system-deps.sh run
	$(PY) main.py $(ARGS)

test: $(STAMP)
	@bash scripts/system-deps.sh test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) main.py bank check --strict
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	@bash scripts/system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py

# ASE Prep in the desktop's menus, and .aseset/.aseresult files opening in it (for this user; Linux)
install-desktop: $(STAMP)
	$(VENV)/bin/ase-prep desktop install

remove-desktop: $(STAMP)
	$(VENV)/bin/ase-prep desktop remove

clean-venv:
	rm -rf $(VENV)
