"""schemathesis hooks: teach the generator the rules JSON Schema cannot state.

The spec's ``sendOmnimessage`` description lists them; the sandbox enforces them with a 400, so a
body that breaks one is not "schema-valid data the API must accept". Loaded by the pytest suite
(imported) and by ``make contract`` (``SCHEMATHESIS_HOOKS=contract_hooks``).
"""

from typing import Any

import schemathesis
from schemathesis.specs.openapi.checks import ensure_resource_availability

from messente_omnichannel.sandbox._validation import check_rules


@schemathesis.hook
def filter_body(ctx: Any, body: Any) -> bool:
    """Drop bodies whose calendar events end before they start."""
    if not isinstance(body, dict):
        return True
    try:
        return not check_rules(body)
    except (ValueError, KeyError, TypeError, AttributeError):
        return True  # not schema-valid anyway: negative data goes through untouched


@schemathesis.check
def resource_availability_except_cancel(ctx: Any, response: Any, case: Any) -> bool | None:
    """Schemathesis's ``ensure_resource_availability``, except for cancelling (see the config)."""
    if case.operation.definition.raw.get("operationId") == "cancelScheduledMessage":
        return None
    result: bool | None = ensure_resource_availability(ctx, response, case)
    return result
