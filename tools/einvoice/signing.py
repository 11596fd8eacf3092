"""XAdES-EPES enveloped signature of a UBL document, as the DIAN's signature policy asks.

The signature goes in the second `ext:UBLExtension/ext:ExtensionContent`. It uses
signxml's `XAdESSigner` with the DIAN's profile: RSA-SHA256, SHA-256 digests, inclusive
C14N 1.0, the DIAN signature policy (v2) with its published hash, the claimed role
`supplier`, the signing time in Colombian time and a `SigningCertificate` (digest plus
issuer and serial, the XAdES 1.3.2 form the DIAN's samples carry).
"""

from __future__ import annotations

from base64 import b64encode
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from lxml import etree
from signxml import CanonicalizationMethod, DigestAlgorithm, SignatureMethod
from signxml.exceptions import InvalidSignature
from signxml.util import SigningSettings
from signxml.xades import (
    XAdESDataObjectFormat,
    XAdESSignaturePolicy,
    XAdESSigner,
    XAdESVerifier,
)

from cuadre.settings import Settings
from tools.einvoice.xmlns import DS, EXT, q

POLICY_URL = "https://facturaelectronica.dian.gov.co/politicadefirma/v2/politicadefirmav2.pdf"
POLICY_DIGEST = "dMoMvtcG5aIzgYo0tIsSQeVJBDnUnfSOfBpxXrmor0Y="
POLICY_DESCRIPTION = "Política de firma para facturas electrónicas de la República de Colombia."
COLOMBIA = timezone(timedelta(hours=-5))

DIAN_POLICY = XAdESSignaturePolicy(
    Identifier=POLICY_URL,
    Description=POLICY_DESCRIPTION,
    DigestMethod=DigestAlgorithm.SHA256,
    DigestValue=POLICY_DIGEST,
)


class CertificateError(Exception):
    """The signing certificate is missing, unreadable or has the wrong password."""

    def __init__(self, message_es: str):
        super().__init__(message_es)
        self.message_es = message_es


@dataclass(frozen=True)
class SigningCredentials:
    """A private key and its certificate chain (signing certificate first)."""

    key: RSAPrivateKey
    chain: tuple[x509.Certificate, ...]

    @property
    def certificate(self) -> x509.Certificate:
        """The signing certificate."""
        return self.chain[0]


def load_pkcs12(data: bytes, password: str | None) -> SigningCredentials:
    """Read a PKCS#12 bundle (.p12 / .pfx)."""
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(
            data, password.encode() if password else None
        )
    except ValueError as exc:
        raise CertificateError(
            "No se pudo abrir el certificado de firma: revise el archivo y la contraseña."
        ) from exc
    if not isinstance(key, RSAPrivateKey) or cert is None:
        raise CertificateError("El certificado de firma debe traer una llave RSA y su certificado.")
    return SigningCredentials(key=key, chain=(cert, *extra))


def credentials_from_settings(settings: Settings) -> SigningCredentials:
    """The company's signing certificate from `einvoice_cert_path` / `_password`."""
    path: Path | None = settings.einvoice_cert_path
    if path is None or not path.is_file():
        raise CertificateError(
            "Falta el certificado de firma electrónica (CUADRE_EINVOICE_CERT_PATH)."
        )
    return load_pkcs12(path.read_bytes(), settings.einvoice_cert_password)


class DianXAdESSigner(XAdESSigner):
    """signxml's XAdES signer with the DIAN's signing time and certificate reference."""

    def __init__(self, signing_time: datetime):
        super().__init__(
            signature_policy=DIAN_POLICY,
            claimed_roles=["supplier"],
            data_object_format=XAdESDataObjectFormat(
                Description="Documento electrónico UBL 2.1", MimeType="text/xml"
            ),
            signature_algorithm=SignatureMethod.RSA_SHA256,
            digest_algorithm=DigestAlgorithm.SHA256,
            c14n_algorithm=CanonicalizationMethod.CANONICAL_XML_1_0,
        )
        self._signing_time = signing_time

    def add_signing_time(
        self, signed_signature_properties: Any, sig_root: Any, signing_settings: SigningSettings
    ) -> None:
        node = etree.SubElement(signed_signature_properties, q("xades", "SigningTime"))
        node.text = self._signing_time.astimezone(COLOMBIA).isoformat(timespec="milliseconds")

    def add_signing_certificate(
        self, signed_signature_properties: Any, sig_root: Any, signing_settings: SigningSettings
    ) -> None:
        signing_cert = etree.SubElement(
            signed_signature_properties, q("xades", "SigningCertificate")
        )
        for cert in signing_settings.cert_chain or ():
            loaded = cert if isinstance(cert, x509.Certificate) else _pem_cert(cert)
            node = etree.SubElement(signing_cert, q("xades", "Cert"))
            digest = etree.SubElement(node, q("xades", "CertDigest"))
            etree.SubElement(
                digest, q("ds", "DigestMethod"), Algorithm=DigestAlgorithm.SHA256.value
            )
            value = etree.SubElement(digest, q("ds", "DigestValue"))
            value.text = b64encode(loaded.fingerprint(hashes.SHA256())).decode()
            issuer_serial = etree.SubElement(node, q("xades", "IssuerSerial"))
            name = etree.SubElement(issuer_serial, q("ds", "X509IssuerName"))
            name.text = loaded.issuer.rfc4514_string()
            serial = etree.SubElement(issuer_serial, q("ds", "X509SerialNumber"))
            serial.text = str(loaded.serial_number)


def _pem_cert(cert: str | bytes) -> x509.Certificate:
    data = cert.encode() if isinstance(cert, str) else cert
    return x509.load_pem_x509_certificate(data)


def _pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(Encoding.PEM).decode()


def sign_document(
    xml: bytes, credentials: SigningCredentials, *, signing_time: datetime | None = None
) -> bytes:
    """Sign a UBL document and return the signed bytes.

    The signature goes in the last `ext:ExtensionContent`, which must be empty (the
    second one of `ubl.build_document`'s output, the only one of an AttachedDocument).
    signxml re-parses the document, so CDATA comes back as escaped text (same C14N).
    """
    root = etree.fromstring(xml)
    contents = root.findall(
        f"{{{EXT}}}UBLExtensions/{{{EXT}}}UBLExtension/{{{EXT}}}ExtensionContent"
    )
    if not contents or len(contents[-1]):
        raise ValueError("the document needs an empty last ext:ExtensionContent for the signature")
    placeholder = etree.SubElement(contents[-1], f"{{{DS}}}Signature")
    placeholder.set("Id", "placeholder")
    signer = DianXAdESSigner(signing_time or datetime.now(COLOMBIA))
    signed = signer.sign(
        root,
        key=credentials.key,
        cert=[_pem(c) for c in credentials.chain],
        always_add_key_value=False,
    )
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8", standalone=False)


def verify_document(xml: bytes, certificate: x509.Certificate) -> etree._Element:
    """Verify the XAdES signature against `certificate`; returns the signed root.

    Raises signxml's `InvalidSignature` (or a subclass) when anything does not match.
    """
    root = etree.fromstring(xml)
    result = XAdESVerifier().verify(
        root,
        x509_cert=certificate,
        expect_signature_policy=DIAN_POLICY,
    )
    verified = result[0] if isinstance(result, list) else result
    signed = verified.signed_xml
    if signed is None:
        raise InvalidSignature("the signature covers no XML")
    return signed


def signature_element(xml: bytes) -> etree._Element | None:
    """The `ds:Signature` of a signed document, or None."""
    root = etree.fromstring(xml)
    return root.find(f".//{{{DS}}}Signature")
