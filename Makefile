# Two commands on a fresh machine: `make demo` and `make test`.
# Both create .venv when missing and install the project with its dev extras,
# with uv when the package registry has it (seconds) and pip otherwise.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit bench clean browser-deps mail-deps

$(STAMP): pyproject.toml setup.py tools/dian/_speedups.pyx
	@if python3 -m pip install --quiet --disable-pip-version-check uv >/dev/null 2>&1; then \
		python3 -m uv venv --quiet --allow-existing $(VENV) && \
		python3 -m uv pip install --quiet --python $(PY) -e '.[dev]'; \
	else \
		python3 -m venv $(VENV) && $(PY) -m pip install --quiet -e '.[dev]'; \
	fi
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/cuadre demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

# The panel's browser tests drive Debian's Chromium; install it when we can, never fail.
browser-deps:
	@if [ -x /usr/bin/chromium ]; then \
		echo "Chromium ya está instalado (/usr/bin/chromium)."; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get install -y chromium >/dev/null 2>&1 || \
		{ apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; } || \
		echo "No se pudo instalar Chromium con apt-get; las pruebas de navegador se omitirán."; \
	else \
		echo "Sin root o sin apt-get: no instalo Chromium; las pruebas de navegador se omitirán."; \
	fi

# Dovecot: the real IMAP server the reception-mailbox tests start on 127.0.0.1.
mail-deps:
	@if command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ]; then \
		echo "Dovecot ya está instalado."; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd >/dev/null 2>&1 || \
		{ apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd >/dev/null 2>&1; } || \
		echo "No se pudo instalar Dovecot con apt-get; las pruebas IMAP se omitirán."; \
	else \
		echo "Sin root o sin apt-get: no instalo Dovecot; las pruebas IMAP se omitirán."; \
	fi

test: browser-deps mail-deps lint typecheck unit

bench: $(STAMP)
	$(PY) -m benchmarks.run_all

clean:
	rm -rf $(VENV) .cuadre .mypy_cache .pytest_cache .ruff_cache
