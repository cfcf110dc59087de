"""The JSON form of the spec that the package loads is ``openapi.yaml``, unchanged."""

import json

import yaml

from messente_omnichannel._spec import load_spec, shared_spec, spec_path
from spec_json import spec_json


def test_the_shipped_json_is_the_yaml() -> None:
    text = spec_path().read_text(encoding="utf-8")
    shipped = spec_path().with_name("openapi.json").read_text(encoding="utf-8")
    assert shipped == spec_json(text), "openapi.json is stale: run 'make generate'"
    assert json.loads(shipped) == yaml.safe_load(text)


def test_copies_are_independent_and_the_shared_parse_is_one() -> None:
    copy = load_spec()
    copy["servers"] = []
    assert shared_spec()["servers"] != []
    assert shared_spec() is shared_spec()
