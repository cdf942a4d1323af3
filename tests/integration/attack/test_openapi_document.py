"""The OpenAPI document describes the code: one component per model, each body as the code reads it.

django-ninja names a component after its class; two classes of one name left one operation documented with
the other's body (the screening decision was documented as `{"uphold"}` while the code reads `{"decision"}`).
"""

from collections import defaultdict

from borderless.api.root import api


def _models_by_name() -> dict[str, set]:
    found = defaultdict(set)
    for _, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                for model in operation.models:
                    for field in model.model_fields.values():
                        if isinstance(field.annotation, type):
                            found[field.annotation.__name__].add(field.annotation)
    return found


def test_no_two_models_share_a_component_name():
    clashes = {name: models for name, models in _models_by_name().items() if len(models) > 1}
    assert clashes == {}


def test_the_screening_decision_is_documented_as_the_code_reads_it():
    document = api.get_openapi_schema()
    body = document["paths"]["/api/v1/ops/screenings/{screening_id}/decision"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    schema = document["components"]["schemas"][ref]
    assert schema["required"] == ["decision"]
    assert schema["properties"]["decision"]["enum"] == ["cleared", "upheld"]
