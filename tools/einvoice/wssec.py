"""WS-Security for the DIAN's SOAP envelopes: X.509 token, Timestamp, signed `wsa:To`.

The DIAN's WCF service asks for an OASIS WSS 1.0 header: a `wsse:BinarySecurityToken`
with the company's certificate, a `wsu:Timestamp`, and an RSA-SHA256 signature (exclusive
C14N) over the `wsa:To` element, whose KeyInfo points at the token. `sign_envelope`
adds it; `verify_envelope` checks it (the stand-in uses it; signxml verifies it too).
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from tools.einvoice.dian_soap import SOAP12, WSA
from tools.einvoice.signing import SigningCredentials
from tools.einvoice.xmlns import parse_xml

WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
DS = "http://www.w3.org/2000/09/xmldsig#"
EC = "http://www.w3.org/2001/10/xml-exc-c14n#"
X509V3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
BASE64 = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"
)
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
SIGNED_INFO_PREFIXES = ["wsa", "soap", "wcf"]
TO_PREFIXES = ["soap", "wcf"]


class WsSecurityError(Exception):
    """The envelope's WS-Security header is missing, expired or does not verify."""


def _c14n(element: etree._Element, prefixes: list[str]) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=True, inclusive_ns_prefixes=prefixes)


def _id() -> str:
    return uuid.uuid4().hex.upper()


def _sub(parent: etree._Element, ns: str, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    if text is not None:
        element.text = text
    return element


def sign_envelope(
    envelope: bytes,
    credentials: SigningCredentials,
    *,
    now: datetime | None = None,
    ttl: timedelta = timedelta(minutes=5),
) -> bytes:
    """The envelope with a WS-Security header signing its `wsa:To`."""
    root = parse_xml(envelope)
    header = root.find(f"{{{SOAP12}}}Header")
    to = header.find(f"{{{WSA}}}To") if header is not None else None
    if header is None or to is None:
        raise WsSecurityError("the envelope has no soap:Header/wsa:To to sign")
    created = (now or datetime.now(UTC)).astimezone(UTC)
    to_id, token_id = f"id-{_id()}", f"X509-{_id()}"
    to.set(f"{{{WSU}}}Id", to_id)

    security = etree.Element(f"{{{WSSE}}}Security", nsmap={"wsse": WSSE, "wsu": WSU})
    security.set(f"{{{SOAP12}}}mustUnderstand", "true")
    header.insert(0, security)
    stamp = _sub(security, WSU, "Timestamp")
    stamp.set(f"{{{WSU}}}Id", f"TS-{_id()}")
    _sub(stamp, WSU, "Created", created.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z")
    _sub(stamp, WSU, "Expires", (created + ttl).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z")
    der = credentials.certificate.public_bytes(Encoding.DER)
    token = _sub(security, WSSE, "BinarySecurityToken", base64.b64encode(der).decode())
    token.set("EncodingType", BASE64)
    token.set("ValueType", X509V3)
    token.set(f"{{{WSU}}}Id", token_id)

    signature = etree.SubElement(security, f"{{{DS}}}Signature", nsmap={"ds": DS})
    signature.set("Id", f"SIG-{_id()}")
    info = _sub(signature, DS, "SignedInfo")
    method = _sub(info, DS, "CanonicalizationMethod")
    method.set("Algorithm", EC)
    etree.SubElement(method, f"{{{EC}}}InclusiveNamespaces", nsmap={"ec": EC}).set(
        "PrefixList", " ".join(SIGNED_INFO_PREFIXES)
    )
    _sub(info, DS, "SignatureMethod").set("Algorithm", RSA_SHA256)
    reference = _sub(info, DS, "Reference")
    reference.set("URI", f"#{to_id}")
    transform = _sub(_sub(reference, DS, "Transforms"), DS, "Transform")
    transform.set("Algorithm", EC)
    etree.SubElement(transform, f"{{{EC}}}InclusiveNamespaces", nsmap={"ec": EC}).set(
        "PrefixList", " ".join(TO_PREFIXES)
    )
    _sub(reference, DS, "DigestMethod").set("Algorithm", SHA256)
    digest = hashlib.sha256(_c14n(to, TO_PREFIXES)).digest()
    _sub(reference, DS, "DigestValue", base64.b64encode(digest).decode())
    value = credentials.key.sign(_c14n(info, SIGNED_INFO_PREFIXES), PKCS1v15(), hashes.SHA256())
    _sub(signature, DS, "SignatureValue", base64.b64encode(value).decode())
    key_info = _sub(signature, DS, "KeyInfo")
    key_info.set("Id", f"KI-{_id()}")
    str_ref = _sub(key_info, WSSE, "SecurityTokenReference")
    str_ref.set(f"{{{WSU}}}Id", f"STR-{_id()}")
    token_ref = _sub(str_ref, WSSE, "Reference")
    token_ref.set("URI", f"#{token_id}")
    token_ref.set("ValueType", X509V3)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def verify_envelope(envelope: bytes, *, now: datetime | None = None) -> x509.Certificate:
    """Check the header's timestamp, digest and signature; return the signer's certificate."""
    root = parse_xml(envelope)
    security = root.find(f"{{{SOAP12}}}Header/{{{WSSE}}}Security")
    if security is None:
        raise WsSecurityError("no wsse:Security header")
    expires = security.findtext(f"{{{WSU}}}Timestamp/{{{WSU}}}Expires")
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    if not expires or datetime.fromisoformat(expires.replace("Z", "+00:00")) < moment:
        raise WsSecurityError("the security timestamp expired")
    token = security.findtext(f"{{{WSSE}}}BinarySecurityToken")
    info = security.find(f"{{{DS}}}Signature/{{{DS}}}SignedInfo")
    value = security.findtext(f"{{{DS}}}Signature/{{{DS}}}SignatureValue")
    if not token or info is None or not value:
        raise WsSecurityError("incomplete wsse:Security header")
    certificate = x509.load_der_x509_certificate(base64.b64decode(token))
    for reference in info.findall(f"{{{DS}}}Reference"):
        target_id = (reference.get("URI") or "").removeprefix("#")
        found = root.xpath("//*[@wsu:Id=$id]", namespaces={"wsu": WSU}, id=target_id)
        if not isinstance(found, list) or len(found) != 1:
            raise WsSecurityError(f"reference #{target_id} not found")
        target = found[0]
        assert isinstance(target, etree._Element)
        digest = base64.b64encode(hashlib.sha256(_c14n(target, TO_PREFIXES)).digest()).decode()
        if digest != (reference.findtext(f"{{{DS}}}DigestValue") or "").strip():
            raise WsSecurityError(f"digest of #{target_id} does not match")
    public_key = certificate.public_key()
    if not isinstance(public_key, RSAPublicKey):
        raise WsSecurityError("the token's key is not RSA")
    try:
        public_key.verify(
            base64.b64decode(value), _c14n(info, SIGNED_INFO_PREFIXES), PKCS1v15(), hashes.SHA256()
        )
    except InvalidSignature as exc:
        raise WsSecurityError("the envelope signature does not verify") from exc
    return certificate
