"""The worked example: a driver written from docs/protocol.md alone passes the suite on the real kernel."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from conformance.impl.harness import Harness
from conformance.impl.specs import parse
from conformance.properties import Property, all_properties
from conformance.testing import assert_conforms

DRIVER = Path(__file__).resolve().parent.parent / "conformance" / "examples" / "driver.py"


@pytest.fixture(scope="module")
def example_driver() -> Iterator[Harness]:
    # -I -S: no site-packages, no current directory: only the standard library can be imported
    harness = Harness(parse(f"exec:{sys.executable} -I -S {DRIVER}"))
    yield harness
    harness.close()


@pytest.mark.parametrize("prop", all_properties(), ids=lambda p: p.id)
def test_example_driver_conforms(example_driver: Harness, prop: Property) -> None:
    # the protocol's contract on every Python, not a hunt: the traps and a quarter of the profile's examples
    assert_conforms(example_driver, prop, settings(settings(), max_examples=max(10, settings().max_examples // 4)))


def test_example_driver_uses_only_the_standard_library() -> None:
    # "from the document alone": nothing of the suite may leak into it
    tree = ast.parse(DRIVER.read_text())
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imported |= {
        node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    relative = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level]
    assert not relative and "conformance" not in imported and "tests" not in imported, imported
