"""A step's witnesses (the same read or write through the implementation's other views,
engine/rootcause.py) are that very step: a view that cannot take its flags or its size
is no witness of it (the reference driver refused one: the suite's bug, exit 3)."""

from __future__ import annotations

from conformance.engine.executor import Capabilities
from conformance.ops.views import SPLICE_MAX, all_driver_views, alternatives
from conformance.spec.protocol import Op, op

DRIVER = Capabilities("driver", "2", frozenset({"stream", "peek"}), views=all_driver_views())


def vias(steps: list[Op]) -> set[str]:
    return {s.get("via") for s in steps}


def test_splice_witnesses_only_a_read_it_can_make() -> None:
    assert "splice" in vias(alternatives(op("recv", end=1, size=4, flags="dontwait"), DRIVER))
    assert "splice" not in vias(alternatives(op("recv", end=1, size=4, flags="peek,dontwait"), DRIVER))
    assert "splice" not in vias(alternatives(op("recv", end=1, size=SPLICE_MAX + 1, flags=""), DRIVER))


def test_splice_witnesses_only_a_write_a_pipe_holds() -> None:
    small, big = "61" * 8, "61" * (SPLICE_MAX + 1)
    assert "splice" in vias(alternatives(op("send", end=0, data=small, flags=""), DRIVER))
    assert "splice" not in vias(alternatives(op("send", end=0, data=big, flags=""), DRIVER))
    assert "splice" not in vias(alternatives(op("send", end=0, data=small, flags="nosignal"), DRIVER))
