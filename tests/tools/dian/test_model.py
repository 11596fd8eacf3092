"""The model's faster `__init__` (`tools.dian.model._fast_init`) keeps dataclass behaviour."""

from __future__ import annotations

import dataclasses
import inspect
from decimal import Decimal as D

import pytest

from tools.dian import model
from tools.dian.model import DocumentLine, TaxAmount

CLASSES = [
    value
    for value in vars(model).values()
    if isinstance(value, type) and dataclasses.is_dataclass(value)
]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_signature_is_the_dataclass_fields_with_their_defaults(cls: type) -> None:
    parameters = list(inspect.signature(cls).parameters.values())
    fields = dataclasses.fields(cls)
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, spec in zip(parameters, fields, strict=True):
        expected = inspect.Parameter.empty if spec.default is dataclasses.MISSING else spec.default
        assert parameter.default is expected


def test_instances_stay_frozen_equal_and_hashable() -> None:
    tax = TaxAmount("01", D("19000.00"), rate=D("19.00"), base=D("100000.00"))
    line = DocumentLine("1", "Cemento", D("2"), "94", D("50000"), D("100000.00"), taxes=(tax,))
    same = dataclasses.replace(line)
    assert line == same and hash(line) == hash(same)
    assert line.free_of_charge is False and line.codes == () and tax.name is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.description = "otro"  # type: ignore[misc]
    with pytest.raises(TypeError):
        DocumentLine("1", "Cemento")  # type: ignore[call-arg]
