# One entry point. `make demo` and `make test` each install what they need first.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test

$(BIN)/python:
	$(PY) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	# The CPU build of PyTorch; the package itself accepts any torch>=2.1.
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[train,serve,test]'

demo: install
	$(BIN)/thaigov-ner validate corpus/examples/phrae-2566.jsonl
	$(BIN)/thaigov-ner annotate corpus/examples/phrae-2566.jsonl -o runs/demo.jsonl
	$(BIN)/python -c "import json; d = json.loads(open('runs/demo.jsonl').readline()); \
	print(len(d['entities']), 'entities;', len(d['officials']), 'officials;'); \
	[print('delegation:', x['delegator'], '->', x['delegatee'], '|', x['trigger']) for x in d['delegations']]"

test: install
	$(BIN)/python -m pytest
