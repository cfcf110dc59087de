"""The operations table is the spec's: every method and path the client uses is declared."""

from typing import Any
from uuid import UUID

import pytest
import yaml

from messente_omnichannel._client._operations import OPERATIONS
from messente_omnichannel._spec import spec_path

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


@pytest.fixture(scope="module")
def spec_yaml() -> dict[str, Any]:
    """``openapi.yaml`` itself, not the JSON form the package loads."""
    document: dict[str, Any] = yaml.safe_load(spec_path().read_text(encoding="utf-8"))
    return document


def test_the_table_is_every_operation_of_the_spec(spec_yaml: dict[str, Any]) -> None:
    declared = {
        (operation["operationId"], method.upper(), path)
        for path, item in spec_yaml["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }
    table = {(op.operation_id, op.method, op.path) for op in OPERATIONS}
    assert table == declared


def test_path_parameters_are_filled_in() -> None:
    status = next(op for op in OPERATIONS if op.operation_id == "retrieveDeliveryReport")
    omnimessage_id = UUID("632c6f3d-49e0-4d8f-b6a4-5b9b0d0b6c9a")
    assert status.path_for(omnimessage_id) == f"/omnimessage/{omnimessage_id}/status"
    assert status.path_for() == "/omnimessage/{omnimessageId}/status"
