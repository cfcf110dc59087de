# `make demo`: the whole loop (send a fallback chain, watch it, receive and verify its signed
# delivery reports, schedule and cancel) against the in-process sandbox, on loopback only.

.PHONY: demo
demo: $(VENV_STAMP)
	@$(BIN)/python examples/demo.py
