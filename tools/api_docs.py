"""Render the reference of the Python API with pdoc (`make api-docs`), offline.

Documents the public modules, ``messente_omnichannel``, ``messente_omnichannel.sandbox`` and
``messente_omnichannel.pytest_plugin``, as far as their ``__all__`` goes (Google-style
docstrings), into one directory of static pages that need no network. Beside it, a JSON file
lists the page and the names each module must show, for ``scripts/check-api-docs.mjs``.

Usage: python tools/api_docs.py OUTPUT_DIR
"""

import importlib
import json
import sys
from pathlib import Path

import pdoc
import pdoc.render

from messente_omnichannel import __version__
from messente_omnichannel._spec import load_spec

MODULES = (
    "messente_omnichannel",
    "messente_omnichannel.sandbox",
    "messente_omnichannel.pytest_plugin",
)


def _public_names(module_name: str) -> list[str]:
    """The module's ``__all__``, each name bound in the module so that pdoc finds it.

    The package imports some names on first use (a module ``__getattr__``), which pdoc, reading
    the module's namespace, would report as unresolved and leave out.
    """
    module = importlib.import_module(module_name)
    names: list[str] = list(getattr(module, "__all__", []))
    schemas = load_spec()["components"]["schemas"]
    for name in names:
        value = getattr(module, name)
        if name not in vars(module):
            setattr(module, name, value)
        # openapi-python-client gives an enum no docstring: the spec's description is its
        # documentation in every language, so the reference shows it.
        generated = getattr(value, "__module__", "").startswith("messente_omnichannel_client.")
        if generated and not value.__doc__ and name in schemas:
            value.__doc__ = schemas[name].get("description")
    return names


def main(argv: list[str]) -> int:
    """Write the pages and the list of names they must show.

    Args:
        argv: The output directory.

    Returns:
        The exit status.
    """
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    output = Path(argv[0])
    expected = {f"{m.replace('.', '/')}.html": _public_names(m) for m in MODULES}
    pdoc.render.configure(
        docformat="google",
        footer_text=f"messente-omnichannel {__version__}",
        search=True,
        show_source=False,
    )
    pdoc.pdoc(*MODULES, output_directory=output)
    names_file = output.with_name(f"{output.name}.names.json")
    names_file.write_text(json.dumps(expected, indent=2) + "\n")
    pages = sum(1 for _ in output.rglob("*.html"))
    print(f"api-docs: {pages} pages in {output}/, names to check in {names_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
