"""The Table Schemas of the tables the generator computes live in generator/schemas/ like the
resources'; their enums name exactly the states the code knows."""

from __future__ import annotations

from generator.model import compliance


def _enum(schema: dict, name: str) -> list[str]:
    return next(f for f in schema["fields"] if f["name"] == name)["constraints"]["enum"]


def test_report_and_plan_schemas_name_every_state():
    assert _enum(compliance.REPORT_SCHEMA, "level") == list(compliance.LEVEL_TITLES)
    assert _enum(compliance.REPORT_SCHEMA, "state") == list(compliance.REPORT_STATES)
    assert _enum(compliance.PLAN_SCHEMA, "state") == list(compliance.PLAN_STATES)
