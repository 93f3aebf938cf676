"""The report's JSON schema (report.schema.json, published with the package) and the
check ``summary`` makes of every line before reading it.

The checker understands the part of JSON Schema the file uses (``$ref`` to
``$defs``, ``oneOf``, ``type``, ``const``, ``enum``, ``required``,
``properties``, ``items``), so reading a report needs no extra dependency;
tests/test_report_schema.py checks real reports with the ``jsonschema``
library too, so the file is a schema other tools can use as it is.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, Optional

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def schema() -> dict[str, Any]:
    text = resources.files("conformance.reporting").joinpath("report.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _is(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False  # JSON's true is not a number, whatever Python's bool says
    return isinstance(value, _TYPES[name])


def problem(value: Any, node: dict[str, Any], root: dict[str, Any], where: str = "") -> Optional[str]:
    """The first way ``value`` breaks the schema ``node``, as a short phrase naming where; None if it does not."""
    if "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if "oneOf" in node:
        if isinstance(value, dict) and isinstance(value.get("type"), str):
            # each line names its kind: report against that kind, not "matches none of four"
            chosen = [b for b in node["oneOf"] if b.get("$ref", "").endswith("/" + value["type"])]
            if chosen:
                return problem(value, chosen[0], root, value["type"])
        return f"{where or 'the line'} is not a header, result, deviation or footer record"
    label = where or "the line"
    types = node.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(_is(value, t) for t in names):
            return f"{label} is {json.dumps(value)[:40]}, not {' or '.join(names)}"
    if "const" in node and value != node["const"]:
        return f"{label} is {json.dumps(value)[:40]}, not {json.dumps(node['const'])}"
    if "enum" in node and value not in node["enum"]:
        return f"{label} is {json.dumps(value)[:40]}, not one of {', '.join(map(str, node['enum']))}"
    if isinstance(value, dict):
        for key in node.get("required", ()):
            if key not in value:
                return f"{label} has no {key!r}"
        for key, sub in node.get("properties", {}).items():
            if key in value:
                found = problem(value[key], sub, root, f"{where}.{key}" if where else key)
                if found:
                    return found
    if isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            found = problem(item, node["items"], root, f"{label}[{index}]")
            if found:
                return found
    return None
