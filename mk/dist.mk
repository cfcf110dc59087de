# The package as users install it (issue 12): the sdist and the wheel, in $(DIST)/.
#
# Included by the Makefile, whose $(VENV_STAMP) and $(BIN) it reuses.

DIST ?= dist

# `python -m build` builds the sdist, then the wheel from that sdist (so the sdist is proven
# complete), with the venv's pinned hatchling: no isolation, no download. Only the package's
# own files are replaced; $(DIST)/spec and $(DIST)/typescript stay.
.PHONY: dist
dist: $(VENV_STAMP)
	rm -f $(DIST)/messente_omnichannel-*.tar.gz $(DIST)/messente_omnichannel-*.whl
	$(BIN)/python -m build --no-isolation --outdir $(DIST) .
	@echo "dist: $$(cd $(DIST) && echo messente_omnichannel-*)"
	@echo "install with: pip install '$$(ls $(DIST)/messente_omnichannel-*.whl)[sandbox]'"
