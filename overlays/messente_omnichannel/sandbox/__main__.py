"""``python -m messente_omnichannel.sandbox``: run the sandbox (see ``--help``)."""

from messente_omnichannel.sandbox._server import main

if __name__ == "__main__":
    main()
