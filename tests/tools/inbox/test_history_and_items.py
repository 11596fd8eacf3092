"""History comes from every purchase in the books, and a recommended item gets created."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlmodel import Session, select

from ledger.contacts import find_or_create_contact
from ledger.models import InboxEntry, Item
from ledger.posting import post_document
from tests.fixtures.dian.build import LineSpec, PartySpec
from tests.tools.inbox.conftest import NOW, write_xml
from tests.tools.sync.docs import OURS, read, spec
from tools.dian.direction import Direction
from tools.inbox.intake import receive_files
from tools.inbox.learning import company_history
from tools.inbox.plan import LineChoice, plan_purchase
from tools.inbox.register import advise, register_entry
from tools.sync.rules import CompanyProfile, plan_document

D = Decimal
GUARDS = [LineSpec("Servicio de vigilancia privada marzo", D("1"), D("1800000"))]


def _supplier(session: Session) -> int:
    contact = find_or_create_contact(
        session, id_number="900390126", name="DISTRIBUIDORA ANDINA S.A.S.", is_supplier=True
    )
    assert contact.id is not None
    return contact.id


def test_a_purchase_posted_outside_the_inbox_is_history(session: Session) -> None:
    # Posted straight to the books (no inbox entry): the chosen account is 513505.
    doc = read(spec(number="FE900", lines=GUARDS))
    plan = plan_purchase(
        doc,
        [LineChoice("513505")],
        nit=OURS.nit,
        vat_responsible=True,
        contact_id=_supplier(session),
        bank_account_id=None,
        today=NOW.date(),
    )
    post_document(session, plan.document, plan.entry, plan.payment, actor="contador")
    assert session.exec(select(InboxEntry)).all() == []
    [line] = company_history(session).lines
    assert (line.supplier_nit, line.account_code, line.document_number) == (
        "900390126",
        "513505",
        "FE900",
    )

    later = read(spec(number="FE901", lines=GUARDS))
    [advice] = advise(session, later)
    assert advice.account_code == "513505" and advice.certain
    assert advice.suggestion.reason_es == "igual que la factura FE900 de este proveedor"


def test_sync_imports_on_the_placeholder_are_not_history(session: Session) -> None:
    doc = read(spec(number="FE902", lines=GUARDS))
    plan = plan_document(
        doc,
        CompanyProfile(nit=OURS.nit, vat_responsible=True),
        Direction.RECEIVED,
        contact_id=_supplier(session),
        sync_date=NOW.date(),
    )
    post_document(session, plan.document, plan.entry, plan.payment, actor="sync")
    assert len(company_history(session)) == 0


def test_a_recommended_item_is_created_and_found_next_time(
    session: Session, tmp_path: Path
) -> None:
    odd = [LineSpec("Kit fijador multiusos ZX-40 tornillería surtida", D("3"), D("45000"))]
    first = write_xml(tmp_path, spec(number="FE910", lines=odd))
    receive_files(session, [first], now=NOW)
    entry = session.exec(select(InboxEntry)).one()
    [advice] = advise(session, read(spec(number="FE910", lines=odd)))
    assert advice.suggestion.create_item, advice.suggestion
    name = advice.suggestion.item

    done = register_entry(
        session, entry, actor="ana", today=NOW.date(), now=NOW, accounts={1: "143505"}
    )
    assert done.status == "registered", done.reasons
    item = session.exec(select(Item).where(Item.name == name)).one()
    assert item.kind == "inventory" and item.inventory_account_code == "143505"

    # Another supplier, the same product: the catalogue now has it.
    ferreteros = PartySpec("901234567", "1", "FERRETEROS UNIDOS SAS")
    other = read(spec(number="FE911", lines=odd, supplier=ferreteros))
    [again] = advise(session, other)
    assert not again.suggestion.create_item
    assert again.suggestion.item == name and again.account_code == "143505"
    assert f"parecido al ítem '{name}'" in again.suggestion.reason_es
