"""A staged document is the parsed document, exactly."""

from __future__ import annotations

from tests.fixtures.dian.build import LineSpec
from tests.tools.sync.docs import D, read, sale, spec
from tools.sync.codec import dumps, loads


def test_a_document_survives_the_round_trip_through_json() -> None:
    withheld = [LineSpec("Asesoría", D(1), D("250000"), withholdings=(("06", D("11")),))]
    for doc in (read(spec()), read(sale(lines=withheld))):
        assert loads(dumps(doc)) == doc
