# cython: language_level=3, boundscheck=False, wraparound=False, binding=False
"""Compiled twins of the hot DIAN readers: fields, lines, tax subtotals, parties, lookups.

Each does exactly what its pure-Python original does (`tools/dian/lines.py`,
`ubl_parts.read_subtotal`, `tools/dian/parties.py`: same walk, same branches, same
results and issues), but walks libxml2's nodes under the lxml element it is given
instead of asking lxml for a Python proxy and a `{namespace}tag` string per child.
Only struct fields are read (no libxml2 call), so nothing links against libxml2; the
element types come from lxml's public C API (`lxml.includes.etreepublic`).

Rules kept from lxml, so results cannot differ:
- children are element nodes (comments and PIs never match a tag there either);
- a tag matches when both namespace URI and local name match (prefixes never count);
- `.text` is lxml's: the leading run of text/CDATA children joined, '' when they are all
  empty, None when there is none;
- `.get(name)` is the un-namespaced attribute's value (see `_attribute`).
"""

from dataclasses import fields
from decimal import Decimal, InvalidOperation

from cpython.unicode cimport PyUnicode_DecodeUTF8
from libc.string cimport strcmp, strlen
from lxml.includes cimport tree
from lxml.includes.etreepublic cimport _Element, elementFactory, import_lxml__etree

from tools.dian.model import (
    AllowanceCharge,
    BillingReference,
    DianDocument,
    DocumentKind,
    DocumentLine,
    ExchangeRate,
    ItemCode,
    MonetaryTotals,
    Party,
    TaxAmount,
)
from tools.dian.ubl_parts import split_number

import_lxml__etree()


# --- Building the model's frozen, slotted dataclasses ----------------------------------

cdef extern from "Python.h":
    ctypedef struct PyMemberDef:
        pass
    ctypedef struct PyMemberDescrObject:
        PyMemberDef* d_member

cdef extern from "structmember.h":
    int PyMember_SetOne(char* address, PyMemberDef* member, object value) except -1


cdef class _Maker:
    """Builds one model class by filling its slots directly, as its `__init__` does
    (`model._fast_init`: one slot setter per field) without a Python frame per object.
    Refuses, at import, any class whose construction is more than that."""

    cdef object cls
    cdef list descriptors  # kept alive: `members` points into them
    cdef PyMemberDef* members[40]
    cdef Py_ssize_t count

    def __init__(self, cls):
        names = [spec.name for spec in fields(cls)]
        if hasattr(cls, "__post_init__") or len(names) > 40:
            raise TypeError(f"{cls.__name__} needs its own __init__")
        self.cls = cls
        self.descriptors = [cls.__dict__[name] for name in names]
        for index, descriptor in enumerate(self.descriptors):
            if type(descriptor).__name__ != "member_descriptor":
                raise TypeError(f"{cls.__name__}.{names[index]} is not a slot")
            self.members[index] = (<PyMemberDescrObject*>descriptor).d_member
        self.count = len(names)

    cdef object make(self, tuple values):
        if len(values) != self.count:
            raise TypeError(f"{self.cls.__name__} takes {self.count} values")
        instance = object.__new__(self.cls)
        cdef Py_ssize_t index
        for index in range(self.count):
            PyMember_SetOne(<char*><void*>instance, self.members[index], values[index])
        return instance


cdef _Maker _LINE = _Maker(DocumentLine)
cdef _Maker _TAX = _Maker(TaxAmount)
cdef _Maker _CODE = _Maker(ItemCode)
cdef _Maker _CHARGE = _Maker(AllowanceCharge)
cdef _Maker _PARTY = _Maker(Party)
cdef _Maker _DOCUMENT = _Maker(DianDocument)
cdef _Maker _TOTALS = _Maker(MonetaryTotals)
cdef _Maker _RATE = _Maker(ExchangeRate)
cdef _Maker _REFERENCE = _Maker(BillingReference)

cdef const char* CBC = b"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
cdef const char* CAC = b"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
cdef const char* EXT = b"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
# The two generations of the DIAN extension namespace (`tools.dian.ns.STS`).
cdef const char* STS_2_1 = b"dian:gov:co:facturaelectronica:Structures-2-1"
cdef const char* STS_V1 = b"http://www.dian.gov.co/contratos/facturaelectronica/v1/Structures"
ZERO = Decimal(0)

cdef enum:
    OTHER = 0
    IN_CBC = 1
    IN_CAC = 2
    IN_EXT = 3


cdef inline int _space(tree.xmlNode* node) noexcept:
    """Which UBL namespace an element node is in (OTHER for non-elements)."""
    if node.type != tree.XML_ELEMENT_NODE or node.ns is NULL or node.ns.href is NULL:
        return OTHER
    if strcmp(<const char*>node.ns.href, CBC) == 0:
        return IN_CBC
    if strcmp(<const char*>node.ns.href, CAC) == 0:
        return IN_CAC
    if strcmp(<const char*>node.ns.href, EXT) == 0:
        return IN_EXT
    return OTHER


cdef inline bint _named(tree.xmlNode* node, const char* name) noexcept:
    return strcmp(<const char*>node.name, name) == 0


cdef inline tree.xmlNode* _child(tree.xmlNode* parent, int space, const char* name) noexcept:
    """The first child element of `parent` with that tag, or NULL."""
    if parent is NULL:
        return NULL
    cdef tree.xmlNode* node = parent.children
    while node is not NULL:
        if _space(node) == space and _named(node, name):
            return node
        node = node.next
    return NULL


cdef inline tree.xmlNode* _text_or_skip(tree.xmlNode* node) noexcept:
    while node is not NULL:
        if node.type == tree.XML_TEXT_NODE or node.type == tree.XML_CDATA_SECTION_NODE:
            return node
        if node.type != tree.XML_XINCLUDE_START and node.type != tree.XML_XINCLUDE_END:
            return NULL
        node = node.next
    return NULL


cdef inline object _decoded(const char* text):
    return PyUnicode_DecodeUTF8(text, strlen(text), NULL)


cdef object _text(tree.xmlNode* node):
    """lxml's `element.text` (its `_collectText`)."""
    if node is NULL:
        return None
    cdef tree.xmlNode* start = _text_or_skip(node.children)
    cdef tree.xmlNode* current = start
    cdef const char* found = NULL
    cdef int count = 0
    while current is not NULL:
        if current.content[0] != 0:
            found = <const char*>current.content
        count += 1
        current = _text_or_skip(current.next)
    if found is NULL:
        return "" if count > 0 else None
    if count == 1:
        return _decoded(found)
    joined = b""
    current = start
    while current is not NULL:
        joined += <bytes>(<const char*>current.content)
        current = _text_or_skip(current.next)
    return joined.decode("utf-8")


cdef inline const char* _only_text(tree.xmlNode* node) noexcept:
    """The content of `node`'s text when it is one text node (the usual case), else NULL."""
    if node is NULL:
        return NULL
    cdef tree.xmlNode* start = _text_or_skip(node.children)
    if start is NULL or _text_or_skip(start.next) is not NULL:
        return NULL
    return <const char*>start.content


cdef inline bint _visible(unsigned char byte) noexcept:
    """An ASCII byte that `str.strip()` keeps (it strips more than ASCII whitespace)."""
    return 0x20 < byte < 0x7F


cdef object _stripped(tree.xmlNode* node):
    """`text_of`: the stripped text, None when missing or blank."""
    cdef const char* text = _only_text(node)
    cdef size_t length
    if text is not NULL:
        length = strlen(text)
        if length == 0:
            return None
        if _visible(text[0]) and _visible(text[length - 1]):  # nothing to strip
            return PyUnicode_DecodeUTF8(text, length, NULL)
    raw = _text(node)
    if raw is None:
        return None
    return raw.strip() or None


cdef inline bint _plain_number(const char* text) noexcept:
    """No letter but an exponent's: a Decimal read from it is finite (Infinity and NaN
    are spelled in letters)."""
    cdef const char* at = text
    while at[0] != 0:
        if (b"a"[0] <= at[0] <= b"z"[0] or b"A"[0] <= at[0] <= b"Z"[0]) and at[0] != b"e"[0] and at[0] != b"E"[0]:
            return False
        at += 1
    return True


cdef object _attribute(_Element owner, tree.xmlNode* node, const char* name):
    """`element.get(name)` for an attribute without namespace. The usual value is one
    text node; anything else is asked of lxml itself, through a proxy."""
    cdef tree.xmlAttr* attribute = node.properties
    cdef tree.xmlNode* value
    while attribute is not NULL:
        if attribute.ns is NULL and strcmp(<const char*>attribute.name, name) == 0:
            value = attribute.children
            if value is not NULL and value.next is NULL and value.type == tree.XML_TEXT_NODE:
                return _decoded(<const char*>value.content)
            return elementFactory(owner._doc, node).get((<bytes>name).decode("ascii"))
        attribute = attribute.next
    return None


cdef object _number(reader, tree.xmlNode* node, what):
    """`ubl_parts.number_of(reader, node.text, what)`."""
    raw = _text(node)
    if raw is None:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        reader.bad_number(raw, what)
        return None
    cdef const char* text = _only_text(node)
    if text is not NULL and _plain_number(text):
        return value
    if value.is_finite():
        return value
    reader.bad_number(raw, what)
    return None


cdef object _subtotal(_Element owner, reader, tree.xmlNode* sub, what):
    base = amount = rate = per_unit = None
    scheme = name = unit_code = None
    cdef tree.xmlNode* element = sub.children
    cdef tree.xmlNode* part
    cdef tree.xmlNode* field
    cdef int space
    while element is not NULL:
        space = _space(element)
        if space == IN_CBC:
            if _named(element, "TaxableAmount"):
                base = _number(reader, element, what)
            elif _named(element, "TaxAmount"):
                amount = _number(reader, element, what)
            elif _named(element, "PerUnitAmount"):
                per_unit = _number(reader, element, what)
            elif _named(element, "BaseUnitMeasure"):
                unit_code = _attribute(owner, element, "unitCode")
        elif space == IN_CAC and _named(element, "TaxCategory"):
            part = element.children
            while part is not NULL:
                space = _space(part)
                if space == IN_CBC and _named(part, "Percent"):
                    rate = _number(reader, part, what)
                elif space == IN_CAC and _named(part, "TaxScheme"):
                    field = part.children
                    while field is not NULL:
                        if _space(field) == IN_CBC:
                            if _named(field, "ID"):
                                if scheme is None:
                                    scheme = _stripped(field)
                            elif _named(field, "Name") and name is None:
                                name = _stripped(field)
                        field = field.next
                part = part.next
        element = element.next
    return _TAX.make((scheme or "", amount or ZERO, rate, base, name, per_unit, unit_code))


cdef object _charge(reader, tree.xmlNode* node, what):
    is_charge = False
    amount = base = percent = reason = None
    cdef tree.xmlNode* part = node.children
    while part is not NULL:
        if _space(part) == IN_CBC:
            if _named(part, "ChargeIndicator"):
                is_charge = (_stripped(part) or "").lower() == "true"
            elif _named(part, "Amount"):
                amount = _number(reader, part, what)
            elif _named(part, "BaseAmount"):
                base = _number(reader, part, what)
            elif _named(part, "MultiplierFactorNumeric"):
                percent = _number(reader, part, what)
            elif _named(part, "AllowanceChargeReason"):
                reason = _stripped(part)
        part = part.next
    return _CHARGE.make((is_charge, amount or ZERO, base, percent, reason))


cdef tuple _item(_Element owner, tree.xmlNode* item):
    description = name = None
    codes = []
    cdef tree.xmlNode* element = item.children
    cdef tree.xmlNode* code
    cdef int space
    cdef bint seller
    while element is not NULL:
        space = _space(element)
        if space == IN_CBC and _named(element, "Description"):
            if description is None:
                description = _stripped(element)
        elif space == IN_CBC and _named(element, "Name"):
            if name is None:
                name = _stripped(element)
        elif space == IN_CAC and (
            _named(element, "SellersItemIdentification")
            or _named(element, "StandardItemIdentification")
        ):
            seller = _named(element, "SellersItemIdentification")
            code = element.children
            while code is not NULL:
                if _space(code) == IN_CBC and _named(code, "ID"):
                    raw = _text(code)
                    value = raw.strip() if raw is not None else None
                    if value:
                        if seller:
                            codes.insert(0, _CODE.make((value, "seller")))
                        else:
                            codes.append(_CODE.make((value, _attribute(owner, code, "schemeID"))))
                code = code.next
        element = element.next
    return description or name or "", tuple(codes)


cdef list _subtotals_of(_Element owner, reader, tree.xmlNode* total, what):
    found = []
    cdef tree.xmlNode* sub = total.children
    while sub is not NULL:
        if _space(sub) == IN_CAC and _named(sub, "TaxSubtotal"):
            found.append(_subtotal(owner, reader, sub, what))
        sub = sub.next
    return found


def read_subtotals(reader, list totals not None, what):
    """Every `TaxSubtotal` of the given TaxTotal / WithholdingTaxTotal elements, as a
    tuple (see `tools.dian.ubl_parts.read_subtotals`)."""
    found = []
    cdef _Element total
    for total in totals:
        found += _subtotals_of(total, reader, total._c_node, what)
    return tuple(found)


def read_line(reader, _Element line not None):
    """One invoice, credit-note or debit-note line (see `tools.dian.lines.read_line`)."""
    return _line(line, reader, line._c_node)


cdef object _line(_Element owner, reader, tree.xmlNode* line):
    cdef tree.xmlNode* element = line.children
    cdef tree.xmlNode* item = NULL
    cdef tree.xmlNode* price = NULL
    cdef int space
    number = unit_code = quantity = line_total = None
    free = False
    what = "una línea"
    taxes = []
    withholdings = []
    charges = []
    while element is not NULL:
        space = _space(element)
        if space == IN_CBC:
            if _named(element, "ID"):
                number = _stripped(element)
                what = f"la línea {number}"
            elif _named(element, "LineExtensionAmount"):
                line_total = _number(reader, element, what)
            elif (
                _named(element, "InvoicedQuantity")
                or _named(element, "CreditedQuantity")
                or _named(element, "DebitedQuantity")
            ):
                quantity = _number(reader, element, what)
                unit_code = _attribute(owner, element, "unitCode")
            elif _named(element, "FreeOfChargeIndicator"):
                free = (_stripped(element) or "").lower() == "true"
        elif space == IN_CAC:
            if _named(element, "TaxTotal"):
                taxes += _subtotals_of(owner, reader, element, what)
            elif _named(element, "Item"):
                item = element  # read after the loop: `what` may still change
            elif _named(element, "Price"):
                price = element
            elif _named(element, "WithholdingTaxTotal"):
                withholdings += _subtotals_of(owner, reader, element, what)
            elif _named(element, "AllowanceCharge"):
                charges.append(_charge(reader, element, what))
        element = element.next
    description, codes = _item(owner, item) if item is not NULL else ("", ())
    unit_price = base_quantity = None
    if price is not NULL:
        element = price.children
        while element is not NULL:
            space = _space(element)
            if space == IN_CBC and _named(element, "PriceAmount"):
                unit_price = _number(reader, element, what)
            elif space == IN_CBC and _named(element, "BaseQuantity"):
                base_quantity = _number(reader, element, what)
            elif space == IN_CAC and _named(element, "AllowanceCharge"):
                charges.append(_charge(reader, element, what))
            element = element.next
    return _LINE.make((
        number, description, quantity, unit_code, unit_price, line_total or ZERO,
        base_quantity, free, codes, tuple(charges), tuple(taxes), tuple(withholdings),
    ))


def read_party(_Element role):
    """Seller or buyer (see `tools.dian.parties.read_party`)."""
    if role is None:
        return _PARTY.make((None, None, None, None, None, None, (), None))
    return _party(role, role._c_node)


cdef object _party(_Element owner, tree.xmlNode* role_node):
    if role_node is NULL:
        return _PARTY.make((None, None, None, None, None, None, (), None))
    cdef tree.xmlNode* holder = _child(role_node, IN_CAC, "Party")
    cdef tree.xmlNode* party = holder if holder is not NULL else role_node
    cdef tree.xmlNode* tax_scheme = _child(party, IN_CAC, "PartyTaxScheme")
    cdef tree.xmlNode* legal = _child(party, IN_CAC, "PartyLegalEntity")
    cdef tree.xmlNode* id_node = _child(tax_scheme, IN_CBC, "CompanyID")
    if id_node is NULL:
        id_node = _child(legal, IN_CBC, "CompanyID")
    if id_node is NULL:
        id_node = _child(_child(party, IN_CAC, "PartyIdentification"), IN_CBC, "ID")
    nit = dv = id_type = None
    if id_node is not NULL:
        # CompanyID text may carry spaces and newlines in real files.
        nit = "".join((_text(id_node) or "").split()) or None
        dv = (_attribute(owner, id_node, "schemeID") or "").strip() or None
        id_type = (_attribute(owner, id_node, "schemeName") or "").strip() or None
    name = (
        _stripped(_child(tax_scheme, IN_CBC, "RegistrationName"))
        or _stripped(_child(legal, IN_CBC, "RegistrationName"))
        or _stripped(_child(_child(party, IN_CAC, "PartyName"), IN_CBC, "Name"))
    )
    levels = _stripped(_child(tax_scheme, IN_CBC, "TaxLevelCode")) or ""
    return _PARTY.make((
        id_type,
        nit,
        dv,
        name,
        _stripped(_child(_child(party, IN_CAC, "Contact"), IN_CBC, "ElectronicMail")),
        _stripped(_child(role_node, IN_CBC, "AdditionalAccountID")),
        tuple([code.strip() for code in levels.split(";") if code.strip()]),
        _stripped(_child(party, IN_CBC, "IndustryClassificationCode")),
    ))


# --- Generic child lookups (`ubl_parts.kids`, `child`, `dig`) --------------------------

cdef dict _TAGS = {}  # local-name pointer -> [(namespace bytes, name bytes, Clark tag), ...]
cdef dict _WANTED = {}  # Clark tag -> (namespace bytes or None, local name bytes)


cdef object _clark(tree.xmlNode* node):
    """lxml's `.tag` of an element node, from a small cache: libxml2 interns local names
    (the same pointer for every `ID` of every document the thread parses), and a cached
    entry is used only after its namespace and name compare equal."""
    cdef const char* href = NULL if node.ns is NULL else <const char*>node.ns.href
    key = <size_t>node.name
    entries = _TAGS.get(key)
    if entries is not None:
        for space, name, tag in entries:
            if strcmp(<const char*>name, <const char*>node.name) == 0 and (
                (href is NULL and space is None)
                or (href is not NULL and space is not None and strcmp(<const char*>space, href) == 0)
            ):
                return tag
    name = <bytes>(<const char*>node.name)
    space = None if href is NULL else <bytes>href
    tag = name.decode("utf-8") if space is None else "{%s}%s" % (space.decode("utf-8"), name.decode("utf-8"))
    if len(_TAGS) > 4096:  # bounded: a batch of odd files cannot grow it without end
        _TAGS.clear()
    _TAGS.setdefault(key, []).append((space, name, tag))
    return tag


cdef tuple _wanted(str tag):
    found = _WANTED.get(tag)
    if found is None:
        if tag.startswith("{"):
            space, _, local = tag[1:].partition("}")
            found = (space.encode("utf-8"), local.encode("utf-8"))
        else:
            found = (None, tag.encode("utf-8"))
        if len(_WANTED) > 4096:
            _WANTED.clear()
        _WANTED[tag] = found
    return found


cdef inline bint _is_other_child(tree.xmlNode* node) noexcept:
    """A comment, PI or entity reference: lxml iterates over those too."""
    return (
        node.type == tree.XML_COMMENT_NODE
        or node.type == tree.XML_PI_NODE
        or node.type == tree.XML_ENTITY_REF_NODE
    )


cdef tree.xmlNode* _child_node(tree.xmlNode* parent, str tag):
    space, name = _wanted(tag)
    cdef const char* c_space = NULL if space is None else <const char*>space
    cdef const char* c_name = <const char*>name
    cdef tree.xmlNode* node = parent.children
    while node is not NULL:
        if node.type == tree.XML_ELEMENT_NODE and strcmp(<const char*>node.name, c_name) == 0:
            if node.ns is NULL or node.ns.href is NULL:
                if c_space is NULL:
                    return node
            elif c_space is not NULL and strcmp(<const char*>node.ns.href, c_space) == 0:
                return node
        node = node.next
    return NULL


def kids(_Element element):
    """Children of `element` grouped by Clark tag, in document order (`ubl_parts.kids`)."""
    grouped = {}
    if element is None:
        return grouped
    cdef tree.xmlNode* node = element._c_node.children
    while node is not NULL:
        if node.type == tree.XML_ELEMENT_NODE:
            tag = _clark(node)
            found = grouped.get(tag)
            if found is None:
                grouped[tag] = [elementFactory(element._doc, node)]
            else:
                found.append(elementFactory(element._doc, node))
        elif _is_other_child(node):
            proxy = elementFactory(element._doc, node)
            grouped.setdefault(proxy.tag, []).append(proxy)
        node = node.next
    return grouped


def child(_Element element, str tag not None):
    """The first child of `element` with `tag`, or None (`ubl_parts.child`)."""
    if element is None:
        return None
    cdef tree.xmlNode* node = _child_node(element._c_node, tag)
    return None if node is NULL else elementFactory(element._doc, node)


def dig(_Element element, *tags):
    """Follow first children by tag (`ubl_parts.dig`); one proxy, for the last step."""
    if element is None:
        return None
    cdef tree.xmlNode* node = element._c_node
    for tag in tags:
        node = _child_node(node, tag)
        if node is NULL:
            return None
    return elementFactory(element._doc, node)


def has_doctype(_Element root not None):
    """True when `root`'s document carries a DTD (internal or external subset): what
    `docinfo.doctype or docinfo.internalDTD is not None` tells, without building them."""
    return root._doc._c_doc.intSubset is not NULL or root._doc._c_doc.extSubset is not NULL


def tag_cache_size():
    """Entries in the Clark-tag cache (for tests: it must stay bounded)."""
    return sum(len(entries) for entries in _TAGS.values())



# --- The whole document (`tools.dian.ubl.read_fields`) ---------------------------------

cdef inline bint _in(tree.xmlNode* node, const char* href, const char* name) noexcept:
    """`node` is an element named `name` in namespace `href`."""
    return (
        node.type == tree.XML_ELEMENT_NODE
        and node.ns is not NULL
        and node.ns.href is not NULL
        and strcmp(<const char*>node.name, name) == 0
        and strcmp(<const char*>node.ns.href, href) == 0
    )


cdef tree.xmlNode* _child_in(tree.xmlNode* parent, const char* href, const char* name) noexcept:
    if parent is NULL:
        return NULL
    cdef tree.xmlNode* node = parent.children
    while node is not NULL:
        if _in(node, href, name):
            return node
        node = node.next
    return NULL


cdef inline bint _has_children(tree.xmlNode* node) noexcept:
    """What `bool(kids(element))` tells: a child lxml would iterate over."""
    if node is NULL:
        return False
    cdef tree.xmlNode* child = node.children
    while child is not NULL:
        if child.type == tree.XML_ELEMENT_NODE or _is_other_child(child):
            return True
        child = child.next
    return False


cdef object _declared_prefix(tree.xmlNode* extensions):
    """`ubl._declared_prefix`: the authorized prefix in the first `sts:DianExtensions`."""
    if extensions is NULL:
        return None
    cdef tree.xmlNode* extension = extensions.children
    cdef tree.xmlNode* content
    cdef tree.xmlNode* dian
    cdef tree.xmlNode* step
    cdef const char* href
    while extension is not NULL:
        if _in(extension, EXT, "UBLExtension"):
            content = _child_in(extension, EXT, "ExtensionContent")
            dian = NULL if content is NULL else content.children
            while dian is not NULL:
                if _in(dian, STS_2_1, "DianExtensions") or _in(dian, STS_V1, "DianExtensions"):
                    href = <const char*>dian.ns.href
                    step = _child_in(dian, href, "InvoiceControl")
                    step = _child_in(step, href, "AuthorizedInvoices")
                    step = _child_in(step, href, "Prefix")
                    return _stripped(step)
                dian = dian.next
        extension = extension.next
    return None


cdef object _exchange_rate(reader, tree.xmlNode* node):
    """`ubl._exchange_rate`."""
    if node is NULL:
        return None
    rate = _number(reader, _child(node, IN_CBC, "CalculationRate"), "la tasa de cambio")
    if rate is None:
        return None
    return _RATE.make((
        _stripped(_child(node, IN_CBC, "SourceCurrencyCode")) or "",
        _stripped(_child(node, IN_CBC, "TargetCurrencyCode")) or "COP",
        rate,
        reader.date_of(_stripped(_child(node, IN_CBC, "Date")), "la tasa de cambio"),
    ))


cdef tuple _TOTAL_NAMES = (
    b"LineExtensionAmount", b"TaxExclusiveAmount", b"TaxInclusiveAmount", b"PayableAmount",
    b"AllowanceTotalAmount", b"ChargeTotalAmount", b"PrepaidAmount", b"PayableRoundingAmount",
)


cdef object _totals(reader, tree.xmlNode* node):
    """`ubl._totals`: the eight amounts, read (and reported) in `TOTAL_TAGS` order."""
    if node is NULL:
        return _TOTALS.make((None, None, None, None, ZERO, ZERO, ZERO, ZERO))
    values = [
        _number(reader, _child(node, IN_CBC, <const char*>name), "los totales")
        for name in _TOTAL_NAMES
    ]
    return _TOTALS.make((
        values[0], values[1], values[2], values[3],
        values[4] or ZERO, values[5] or ZERO, values[6] or ZERO, values[7] or ZERO,
    ))


cdef object _document_charge(reader, tree.xmlNode* node, what):
    """`Reader.allowance_charges` for one element: first child per tag, amounts read in
    a fixed order (unlike a line's, read in document order)."""
    indicator = (_stripped(_child(node, IN_CBC, "ChargeIndicator")) or "false").lower()
    return _CHARGE.make((
        indicator == "true",
        _number(reader, _child(node, IN_CBC, "Amount"), what) or ZERO,
        _number(reader, _child(node, IN_CBC, "BaseAmount"), what),
        _number(reader, _child(node, IN_CBC, "MultiplierFactorNumeric"), what),
        _stripped(_child(node, IN_CBC, "AllowanceChargeReason")),
    ))


cdef object _billing_reference(_Element owner, reader, tree.xmlNode* node):
    """`ubl._billing_refs` for one `cac:BillingReference` (None when it is empty)."""
    cdef tree.xmlNode* reference = _child(node, IN_CAC, "InvoiceDocumentReference")
    if not _has_children(reference):
        return None
    cdef tree.xmlNode* uuid = _child(reference, IN_CBC, "UUID")
    return _REFERENCE.make((
        _stripped(_child(reference, IN_CBC, "ID")),
        _stripped(uuid),
        _attribute(owner, uuid, "schemeName") if uuid is not NULL else None,
        reader.date_of(_stripped(_child(reference, IN_CBC, "IssueDate")), "la factura referenciada"),
    ))


cdef inline bint _is_tag(tree.xmlNode* node, tuple wanted) noexcept:
    """`node` has the tag `_wanted(...)` describes (namespace bytes or None, local bytes)."""
    space = wanted[0]
    if strcmp(<const char*>node.name, <const char*>(<bytes>wanted[1])) != 0:
        return False
    if node.ns is NULL or node.ns.href is NULL:
        return space is None
    return space is not None and strcmp(<const char*>node.ns.href, <const char*>(<bytes>space)) == 0


# The root's children read once each (the first with the tag), by slot.
cdef enum:
    TOP_ID, TOP_UUID, TOP_ISSUE_DATE, TOP_ISSUE_TIME, TOP_DUE_DATE, TOP_CURRENCY,
    TOP_CUSTOMIZATION, TOP_PROFILE_EXECUTION, TOP_LINE_COUNT, TOP_SUPPLIER, TOP_CUSTOMER,
    TOP_MEANS, TOP_EXCHANGE, TOP_DISCREPANCY, TOP_LEGAL_TOTAL, TOP_EXTENSIONS, TOP_SLOTS

cdef int _TOP_SPACES[TOP_SLOTS]
cdef const char* _TOP_NAMES[TOP_SLOTS]
_TOP_SPACES[:] = [IN_CBC] * 9 + [IN_CAC] * 6 + [IN_EXT]
_TOP_NAMES[:] = [
    b"ID", b"UUID", b"IssueDate", b"IssueTime", b"DueDate", b"DocumentCurrencyCode",
    b"CustomizationID", b"ProfileExecutionID", b"LineCountNumeric",
    b"AccountingSupplierParty", b"AccountingCustomerParty", b"PaymentMeans",
    b"PaymentExchangeRate", b"DiscrepancyResponse", b"LegalMonetaryTotal",
    b"UBLExtensions",
]


def read_fields(reader, _Element root not None, shape, source, container, validation):
    """Every field of the document in `root`, unchecked (see `tools.dian.ubl.read_fields`:
    same values, same issues in the same order)."""
    cdef tuple type_code_tag = _wanted(shape.type_code)
    cdef tuple line_tag = _wanted(shape.line)
    cdef tuple totals_tag = _wanted(shape.totals)
    cdef tree.xmlNode* top[TOP_SLOTS]
    cdef tree.xmlNode* type_code_node = NULL
    cdef tree.xmlNode* shape_totals = NULL
    cdef tree.xmlNode* node = root._c_node.children
    cdef int space, slot
    for slot in range(TOP_SLOTS):
        top[slot] = NULL
    # Repeated children, as node addresses in document order (the tree outlives the call).
    lines = []
    tax_totals = []
    withholding_totals = []
    charges = []
    references = []
    while node is not NULL:
        if node.type == tree.XML_ELEMENT_NODE:
            # The shape's own tags first: they may coincide with a fixed one below.
            if _is_tag(node, line_tag):
                lines.append(<size_t>node)
            if type_code_node is NULL and _is_tag(node, type_code_tag):
                type_code_node = node
            if shape_totals is NULL and _is_tag(node, totals_tag):
                shape_totals = node
            space = _space(node)
            if space == IN_CAC and _named(node, "TaxTotal"):
                tax_totals.append(<size_t>node)
            elif space == IN_CAC and _named(node, "WithholdingTaxTotal"):
                withholding_totals.append(<size_t>node)
            elif space == IN_CAC and _named(node, "AllowanceCharge"):
                charges.append(<size_t>node)
            elif space == IN_CAC and _named(node, "BillingReference"):
                references.append(<size_t>node)
            elif space != OTHER:
                for slot in range(TOP_SLOTS):
                    if _TOP_SPACES[slot] == space and _named(node, _TOP_NAMES[slot]):
                        if top[slot] is NULL:
                            top[slot] = node
                        break
        node = node.next
    cdef tree.xmlNode* uuid = top[TOP_UUID]
    cdef tree.xmlNode* means = top[TOP_MEANS]
    cdef tree.xmlNode* discrepancy = top[TOP_DISCREPANCY]

    # Values in the order the pure reader evaluates them: issues come out in that order.
    number = _stripped(top[TOP_ID])
    prefix, folio = split_number(number, _declared_prefix(top[TOP_EXTENSIONS]))
    type_code = _stripped(type_code_node)
    if type_code is None and shape.kind is DocumentKind.DEBIT_NOTE:
        type_code = "92"  # DIAN debit notes usually omit it; 92 is what the root means.
    due_date = reader.date_of(_stripped(top[TOP_DUE_DATE]), "la fecha de vencimiento") or reader.date_of(
        _stripped(_child(means, IN_CBC, "PaymentDueDate")), "la fecha de vencimiento"
    )
    line_count = _stripped(top[TOP_LINE_COUNT])
    cufe = _stripped(uuid)
    cufe_scheme = _attribute(root, uuid, "schemeName") if uuid is not NULL else None
    environment = (_attribute(root, uuid, "schemeID") if uuid is not NULL else None) or _stripped(
        top[TOP_PROFILE_EXECUTION]
    )
    issue_date = reader.date_of(_stripped(top[TOP_ISSUE_DATE]), "la fecha de emisión")
    issue_time = reader.time_of(_stripped(top[TOP_ISSUE_TIME]))
    currency_code = _stripped(top[TOP_CURRENCY])
    exchange_rate = _exchange_rate(reader, top[TOP_EXCHANGE])
    operation_type = _stripped(top[TOP_CUSTOMIZATION])
    payment_form = _stripped(_child(means, IN_CBC, "ID"))
    payment_means = _stripped(_child(means, IN_CBC, "PaymentMeansCode"))
    issuer = _party(root, top[TOP_SUPPLIER])
    receiver = _party(root, top[TOP_CUSTOMER])
    document_lines = tuple([_line(root, reader, <tree.xmlNode*><size_t>at) for at in lines])
    taxes = []
    for at in tax_totals:
        taxes += _subtotals_of(root, reader, <tree.xmlNode*><size_t>at, "un impuesto")
    withholdings = []
    for at in withholding_totals:
        withholdings += _subtotals_of(root, reader, <tree.xmlNode*><size_t>at, "una retención")
    totals = _totals(reader, shape_totals if shape_totals is not NULL else top[TOP_LEGAL_TOTAL])
    tax_total = ZERO
    for at in tax_totals:
        tax_total = tax_total + (
            _number(
                reader,
                _child(<tree.xmlNode*><size_t>at, IN_CBC, "TaxAmount"),
                "el total de impuestos",
            )
            or ZERO
        )
    allowance_charges = tuple([
        _document_charge(reader, <tree.xmlNode*><size_t>at, "un descuento o cargo")
        for at in charges
    ])
    billing_references = []
    for at in references:
        reference = _billing_reference(root, reader, <tree.xmlNode*><size_t>at)
        if reference is not None:
            billing_references.append(reference)
    return _DOCUMENT.make((
        source,
        container,
        shape.kind,
        type_code,
        number,
        prefix,
        folio,
        cufe,
        cufe_scheme,
        environment,
        issue_date,
        issue_time,
        due_date,
        currency_code,
        exchange_rate,
        operation_type,
        payment_form,
        payment_means,
        issuer,
        receiver,
        document_lines,
        tuple(taxes),
        tuple(withholdings),
        totals,
        tax_total,
        int(line_count) if line_count and line_count.isdigit() else None,
        allowance_charges,
        tuple(billing_references),
        _stripped(_child(discrepancy, IN_CBC, "ResponseCode")),
        _stripped(_child(discrepancy, IN_CBC, "Description")),
        validation,
        None,
        (),
    ))
