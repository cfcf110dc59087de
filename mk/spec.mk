# The spec as a published product (issue 6): bundles, reference docs, proofs that other
# generators and languages can use it, and the breaking-change guard. See docs/spec-publishing.md.
#
# Included by the Makefile, whose $(VENV_STAMP), $(NODE_STAMP), $(BIN) and $(SPEC) it reuses.

SPEC_DIST := dist/spec
SPEC_TS := dist/typescript
SPEC_HISTORY := spec-history
SPEC_DOCS_TITLE := Messente Omnichannel API reference
REDOCLY := npx --no-install redocly
TSC := node_modules/.bin/tsc
OPENAPI_TYPESCRIPT := node_modules/.bin/openapi-typescript
OPENAPI_GENERATOR := $(BIN)/openapi-generator-cli
# openapi-generator's python and go clients (build/ is ignored by git); the go client in a
# GOPATH tree, see mk/openapi-generator/go.yaml.
SPEC_PROOFS := build/spec-proofs
SPEC_GOPATH := $(CURDIR)/$(SPEC_PROOFS)/gopath
# Runs a command with SANDBOX_URL (and the demo credentials) of a sandbox on loopback.
WITH_SANDBOX := $(BIN)/python scripts/with_sandbox.py --

.PHONY: spec-help
spec-help:
	@echo 'make spec-dist         $(SPEC_DIST)/: bundled YAML and JSON, dereferenced variants, index.html'
	@echo 'make spec-docs-check   render $(SPEC_DIST)/index.html in headless Chromium, check every page'
	@echo 'make spec-proofs       openapi-typescript types + openapi-generator typescript-fetch (tsc --strict),'
	@echo '                       python (compileall, import, parse) and go (go build, go vet) clients'
	@echo 'make spec-ts-sandbox   the typescript-fetch client against a loopback sandbox: send, status, cancel'
	@echo 'make spec-breaking     fail on a breaking change to $(SPEC) not announced in info.version + CHANGELOG.md'
	@echo 'make lint-spec-links   one-example schemathesis stateful run (checks the OpenAPI links)'
	@echo 'make spec-release      record $(SPEC) as released: $(SPEC_HISTORY)/<info.version>/openapi.yaml'
	@echo 'make spec-check        all of the above but spec-release'

.PHONY: spec-check
spec-check: spec-breaking spec-docs-check spec-proofs spec-ts-sandbox lint-spec-links

# --- artifacts ------------------------------------------------------------------------------

.PHONY: spec-dist
spec-dist: $(NODE_STAMP)
	rm -rf $(SPEC_DIST)
	mkdir -p $(SPEC_DIST)
	$(REDOCLY) bundle $(SPEC) --output $(SPEC_DIST)/openapi.yaml
	$(REDOCLY) bundle $(SPEC) --ext json --output $(SPEC_DIST)/openapi.json
	$(REDOCLY) bundle $(SPEC) --dereferenced --output $(SPEC_DIST)/openapi.dereferenced.yaml
	$(REDOCLY) bundle $(SPEC) --dereferenced --ext json --output $(SPEC_DIST)/openapi.dereferenced.json
	@# Redocly leaves a $$ref where a schema refers to itself; the spec has no cycle: keep it so.
	@if grep -q '"\$$ref"' $(SPEC_DIST)/openapi.dereferenced.json; then \
		echo "spec-dist: $(SPEC_DIST)/openapi.dereferenced.json still has a \$$ref (a cyclic schema?)" >&2; \
		exit 1; \
	fi
	@# --inlineBundle: the page carries its scripts, so it works with no network. The Schemas
	@# tag gives every component schema its own page.
	$(REDOCLY) build-docs $(SPEC_DIST)/openapi.yaml --inlineBundle --title '$(SPEC_DOCS_TITLE)' \
		--openapi.schemaDefinitionsTagName=Schemas --output $(SPEC_DIST)/index.html
	cp CHANGELOG.md $(SPEC_DIST)/CHANGELOG.md
	cd $(SPEC_DIST) && sha256sum CHANGELOG.md index.html openapi.* > SHA256SUMS
	@echo "spec-dist: $(SPEC_DIST)/ holds version $$(sed -n 's/^  version: //p' $(SPEC) | head -n1)"

.PHONY: spec-docs-check
spec-docs-check: spec-dist
	@# Chromium is the one tool pip cannot bring: CI (root) installs it; elsewhere a machine
	@# without it skips this check, loudly, instead of failing `make test`.
	@if scripts/ensure-chromium; then \
		node scripts/check-docs-render.mjs $(SPEC_DIST)/index.html $(SPEC_DIST)/openapi.json; \
	elif [ "$${CI:-}" = true ]; then \
		exit 1; \
	else \
		echo "spec-docs-check: SKIPPED (no Chromium); CI runs it" >&2; \
	fi

# --- proofs that other languages can use the spec -------------------------------------------

.PHONY: spec-proofs
spec-proofs: spec-proofs-types spec-proofs-fetch spec-proofs-python spec-proofs-go

# openapi-typescript's types + typescript/usage.ts under tsc --strict; then the same file
# without its @ts-expect-error lines must fail, with one error per removed line.
.PHONY: spec-proofs-types
spec-proofs-types: $(NODE_STAMP)
	rm -rf $(SPEC_TS)/openapi-typescript $(SPEC_TS)/negative
	mkdir -p $(SPEC_TS)/openapi-typescript $(SPEC_TS)/negative
	$(OPENAPI_TYPESCRIPT) $(SPEC) --redocly typescript/redocly.openapi-typescript.yaml \
		--output $(SPEC_TS)/openapi-typescript/openapi.d.ts
	$(TSC) -p typescript/tsconfig.json
	@directive='^[[:space:]]*// @ts-expect-error'; \
	expected=$$(grep -c "$$directive" typescript/usage.ts); \
	sed "\#$$directive#d" typescript/usage.ts > $(SPEC_TS)/negative/usage.ts; \
	if out=$$($(TSC) -p typescript/tsconfig.negative.json 2>&1); then \
		echo "spec-proofs: usage.ts compiles without its @ts-expect-error lines: the check cannot fail" >&2; \
		exit 1; \
	fi; \
	errors=$$(grep -c 'error TS' <<<"$$out" || true); \
	if [ "$$errors" -ne "$$expected" ]; then \
		printf '%s\n' "$$out" >&2; \
		echo "spec-proofs: expected $$expected error(s) without @ts-expect-error, got $$errors" >&2; \
		exit 1; \
	fi; \
	echo "spec-proofs: typescript/usage.ts passes tsc --strict; without its $$expected @ts-expect-error line(s) it fails as intended"

# A second, independent generator: openapi-generator 7.26.0's typescript-fetch, python and go
# clients, each with the generator's default options (mk/openapi-generator/*.yaml), from the
# published spec as it is. One JVM generates all three (`batch`), in about 40 s.
.PHONY: spec-proofs-generate
spec-proofs-generate: $(VENV_STAMP) spec-dist
	rm -rf $(SPEC_TS)/fetch-client $(SPEC_TS)/build $(SPEC_PROOFS)/python $(SPEC_PROOFS)/gopath
	mkdir -p $(SPEC_TS) $(SPEC_PROOFS)
	$(OPENAPI_GENERATOR) batch --fail-fast mk/openapi-generator/*.yaml \
		>$(SPEC_PROOFS)/generate.log 2>&1 || { cat $(SPEC_PROOFS)/generate.log >&2; exit 1; }

# The typescript-fetch client compiled with tsc --strict, together with the sandbox round trip
# that uses it.
.PHONY: spec-proofs-fetch
spec-proofs-fetch: $(NODE_STAMP) spec-proofs-generate
	$(TSC) -p typescript/tsconfig.fetch.json
	@echo "spec-proofs: openapi-generator typescript-fetch client passes tsc --strict" \
		"($$(find $(SPEC_TS)/fetch-client -name '*.ts' | wc -l) files)"

# The python client: every file compiles, every module imports, and it parses the spec's examples.
.PHONY: spec-proofs-python
spec-proofs-python: spec-proofs-generate
	$(BIN)/python -m compileall -q $(SPEC_PROOFS)/python/openapi_client
	$(BIN)/python scripts/spec_proof_python.py $(SPEC_PROOFS)/python $(SPEC_DIST)/openapi.json

# The go client with Debian's Go, offline (GOPATH mode, no module proxy). Like Chromium, Go is
# installed by CI (root); elsewhere a machine without it skips this proof, loudly.
.PHONY: spec-proofs-go
spec-proofs-go: spec-proofs-generate
	@if scripts/ensure-go; then \
		cd $(SPEC_GOPATH)/src/omnichannel; \
		export GO111MODULE=off GOFLAGS= GOTOOLCHAIN=local GOPATH=$(SPEC_GOPATH):/usr/share/gocode \
			GOCACHE=$(CURDIR)/build/go-cache; \
		go build ./...; \
		go vet .; \
		echo "spec-proofs: openapi-generator go client builds and passes go vet ($$(go version))"; \
	elif [ "$${CI:-}" = true ]; then \
		exit 1; \
	else \
		echo "spec-proofs-go: SKIPPED (no Go); CI runs it" >&2; \
	fi

.PHONY: spec-ts-sandbox
spec-ts-sandbox: spec-proofs-fetch
	$(WITH_SANDBOX) node $(SPEC_TS)/build/typescript/sandbox-roundtrip.js

# --- guarding the contract ------------------------------------------------------------------

.PHONY: spec-breaking
spec-breaking: $(VENV_STAMP)
	$(BIN)/python tools/spec_breaking.py --spec $(SPEC) --history $(SPEC_HISTORY) --changelog CHANGELOG.md

# schemathesis is the only tool here that follows the spec's OpenAPI links: one example per
# step of a stateful run against the sandbox fails on a link to an unknown operation or
# parameter. The config makes wrong credentials an error rather than a warning.
# ensure_resource_availability is off: the CancelScheduledMessage link answers 404, as the spec
# says, for an omnimessage that was not scheduled (schemathesis reads that as "created resource
# not found" as soon as it runs more than one example).
.PHONY: lint-spec-links
lint-spec-links: $(VENV_STAMP)
	$(WITH_SANDBOX) sh -c '$(BIN)/schemathesis --config-file mk/schemathesis-links.toml run $(SPEC) \
		--url "$$SANDBOX_URL" --auth "$$SANDBOX_USERNAME:$$SANDBOX_PASSWORD" \
		--phases stateful --max-examples 1 --checks all \
		--exclude-checks ensure_resource_availability --no-color'

# Record the current spec as released (after its CHANGELOG.md entry is written).
.PHONY: spec-release
spec-release: $(VENV_STAMP)
	$(BIN)/python tools/spec_breaking.py --spec $(SPEC) --history $(SPEC_HISTORY) --changelog CHANGELOG.md --release
