# The reliability and security campaign at full size: faults, server kills, bad input,
# secrets, load.
#
#   make chaos   2,000 sends under 20 % injected faults (single and bulk, sync and async,
#                send_many) judged against the sandbox's ledger; a sandbox subprocess
#                killed (SIGKILL) and restarted three times during sends; 75 rules broken one
#                at a time through the builders, the raw API and the CLI, then Hypothesis
#                junk; the credentials hunted in DEBUG logs, reprs, exceptions and CLI output;
#                50 concurrent clients for 30 s against a sandbox subprocess (then 15 s with a
#                dlr_url each). Prints one table per part (case, count, expected, ok) and
#                fails if any check failed. About four minutes. CHAOS_ARGS adds options:
#                --scale 0.1 (a quick look), --only load (or faults, kill, bad-input, secrets).
#
# Included from the Makefile; uses its BIN and VENV_STAMP. Not part of `make test`, which runs
# the same campaign small (tests/chaos/).

CHAOS_ARGS ?=

.PHONY: chaos
chaos: $(VENV_STAMP)
	PYTHONPATH=tests $(BIN)/python -m chaos $(CHAOS_ARGS)
