"""Schemathesis sends schema-shaped and malformed requests to every API operation: whatever
it sends, the API answers with a client error at worst, never a server error."""

from __future__ import annotations

import warnings
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from schemathesis import GenerationMode
    from schemathesis.core.result import Err

from web_world import World

EXAMPLES_PER_OPERATION = 12


def test_no_request_the_schema_allows_or_forbids_causes_a_server_error(world: World) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", world.app)
    server_errors: list[str] = []

    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        operation = result.ok()
        strategy = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy, is_known=st.booleans())
        def call(case: Any, is_known: bool) -> None:
            world.app.state.limiter.reset()
            if is_known:
                _use_known_ids(world, case)
            response = case.call(headers={"Authorization": f"Bearer {_token_for(world, case)}"})
            if response.status_code >= 500:
                server_errors.append(
                    f"{case.method} {case.formatted_path}: {response.status_code} "
                    f"{response.text[:300]}"
                )

        call()

    assert not server_errors, "\n".join(server_errors)


def _use_known_ids(world: World, case: Any) -> None:
    """Half the cases address things that exist, so they get past the 404 into the use case."""
    known = {
        "round_id": world.round_a,
        "code": "FRA",
        "invitation_id": world.invitation_ids["A:GBR"],
    }
    parameters = case.path_parameters or {}
    for name in parameters.keys() & known.keys():
        parameters[name] = known[name]


def _token_for(world: World, case: Any) -> str:
    if case.path.startswith("/api/respond"):
        return world.tokens["A:DEU"]
    return world.api_token
