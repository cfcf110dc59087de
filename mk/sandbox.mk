# The sandbox: run it, test the spec against it with schemathesis, measure it.
# Included from the Makefile (`include mk/*.mk`); uses its BIN, VENV_STAMP and SPEC.

SANDBOX_HOST ?= 127.0.0.1
SANDBOX_PORT ?= 4010
SANDBOX_ARGS ?=
# make contract: against a sandbox started here, or BASE_URL=https://api.messente.com/v1
# with CONTRACT_AUTH=USER:PASSWORD for the real API (it sends real messages: mind the cost).
BASE_URL ?=
CONTRACT_AUTH ?= demo:demo-password
CONTRACT_MAX_EXAMPLES ?= 100
# The coverage phase is left out by default: on this spec's many alternative schemas it runs for
# tens of minutes. Add it back with CONTRACT_PHASES=examples,coverage,fuzzing,stateful.
CONTRACT_PHASES ?= examples,fuzzing,stateful
CONTRACT_REPORT_DIR ?= build/contract

.PHONY: sandbox
sandbox: $(VENV_STAMP)
	$(BIN)/python -m messente_omnichannel.sandbox --host $(SANDBOX_HOST) --port $(SANDBOX_PORT) $(SANDBOX_ARGS)

.PHONY: contract
contract: $(VENV_STAMP)
	@mkdir -p $(CONTRACT_REPORT_DIR)
	@url='$(BASE_URL)'; pid=; \
	if [ -z "$$url" ]; then \
		port=$$($(BIN)/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
		$(BIN)/python -m messente_omnichannel.sandbox --port "$$port" --log-level warning & pid=$$!; \
		trap 'kill $$pid 2>/dev/null || true' EXIT; \
		url="http://127.0.0.1:$$port/v1"; \
		for _ in $$(seq 100); do curl -s -o /dev/null "$$url/omnimessage" && break; sleep 0.1; done; \
	fi; \
	PYTHONPATH=tests/contract SCHEMATHESIS_HOOKS=contract_hooks \
	$(BIN)/schemathesis --config-file tests/contract/schemathesis.toml run $(SPEC) \
		--url "$$url" --auth '$(CONTRACT_AUTH)' --checks all --exclude-checks ensure_resource_availability --phases $(CONTRACT_PHASES) \
		--max-examples $(CONTRACT_MAX_EXAMPLES) \
		--report junit --report-junit-path $(CONTRACT_REPORT_DIR)/junit.xml

.PHONY: bench-sandbox
bench-sandbox: $(VENV_STAMP)
	$(BIN)/python benchmarks/bench_sandbox.py
