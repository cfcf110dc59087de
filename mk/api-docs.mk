# The rendered reference of the Python API (issue 12), built offline with pdoc.
#
# Included by the Makefile, whose $(VENV_STAMP), $(NODE_STAMP) and $(BIN) it reuses.

API_DOCS ?= build/api-docs

.PHONY: api-docs
api-docs: $(VENV_STAMP)
	rm -rf $(API_DOCS) $(API_DOCS).names.json
	$(BIN)/python tools/api_docs.py $(API_DOCS)
	@echo "api-docs: open $(API_DOCS)/index.html"

# Every public name rendered with its docstring, and search working, in headless Chromium
# with the network cut off. tests/test_api_docs.py runs the same check in `make test`.
.PHONY: api-docs-check
api-docs-check: api-docs $(NODE_STAMP)
	@if scripts/ensure-chromium; then \
		node scripts/check-api-docs.mjs $(API_DOCS); \
	elif [ "$${CI:-}" = true ]; then \
		exit 1; \
	else \
		echo "api-docs-check: SKIPPED (no Chromium); CI runs it" >&2; \
	fi
