"""Entree Federatie through SAML 2.0: pysaml2's identity provider (signing with Debian's xmlsec1) in the test.

The whole flow through the real views: our login button, the AuthnRequest the IdP parses, the signed
response posted to allauth's ACS, our board rules; and what must fail: a refused affiliation, an
unknown person, a replayed or unsigned assertion, a wrong audience.
"""

import base64
import datetime
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.test import Client
from django.urls import reverse

from gespreid.accounts.models import SignInMethod

pytestmark = pytest.mark.skipif(not shutil.which("xmlsec1"), reason="xmlsec1 (Debian) is niet geïnstalleerd")

IDP = "https://idp.entree.test/saml"
SSO = "https://idp.entree.test/sso"
SP = "https://gespreid.test/accounts/saml/entree/metadata/"
ACS = "http://testserver/accounts/saml/entree/acs/"


@pytest.fixture(scope="module")
def idp_keys(tmp_path_factory):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    folder = tmp_path_factory.mktemp("idp")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.entree.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / "idp.key", folder / "idp.crt"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM)
    cert_file.write_bytes(pem)
    body = "".join(pem.decode().strip().splitlines()[1:-1])
    return str(key_file), str(cert_file), body


@pytest.fixture
def entree_app(db, board, idp_keys):
    SignInMethod.objects.create(board=board, provider="entree")
    return SocialApp.objects.create(
        provider="saml",
        provider_id="entree",
        client_id="entree",
        name="Entree Federatie",
        settings={
            "idp": {"entity_id": IDP, "sso_url": SSO, "x509cert": idp_keys[2]},
            "sp": {"entity_id": SP},
            "attribute_mapping": {
                "uid": "urn:oid:1.3.6.1.4.1.1076.20.40.20.0",  # Entree's uid (nlEduPersonRealId-style)
                "email": "urn:oid:0.9.2342.19200300.100.1.3",
            },
            # "testserver" has no dot: python3-saml accepts it only with allow_single_label_domains.
            "advanced": {
                "want_assertion_signed": True,
                "reject_idp_initiated_sso": True,
                "allow_single_label_domains": True,
            },
        },
    )


def idp_server(idp_keys, sp_metadata: str):
    from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
    from saml2.config import IdPConfig
    from saml2.server import Server

    config = IdPConfig()
    config.load(
        {
            "entityid": IDP,
            "xmlsec_binary": shutil.which("xmlsec1"),
            "key_file": idp_keys[0],
            "cert_file": idp_keys[1],
            "service": {
                "idp": {
                    "endpoints": {"single_sign_on_service": [(SSO, BINDING_HTTP_REDIRECT), (SSO, BINDING_HTTP_POST)]},
                    "name_id_format": ["urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"],
                    "policy": {"default": {"lifetime": {"minutes": 5}, "attribute_restrictions": None}},
                }
            },
            "metadata": {"inline": [sp_metadata]},
            # SHA-1 signatures are refused by the service provider (as they should be).
            "signing_algorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "digest_algorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
        }
    )
    return Server(config=config)


def start(client):
    response = client.post(reverse("saml_login", args=["entree"]))
    assert response.status_code == 302 and response["Location"].startswith(SSO), response
    query = parse_qs(urlsplit(response["Location"]).query)
    return query["SAMLRequest"][0], query.get("RelayState", [""])[0]


def respond(client, idp_keys, saml_request, relay, attributes, *, sign=True, audience=SP):
    from saml2 import BINDING_HTTP_REDIRECT
    from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID

    metadata = Client(HTTP_HOST="testserver").get(reverse("saml_metadata", args=["entree"])).content.decode()
    server = idp_server(idp_keys, metadata)
    request = server.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT)
    xml = server.create_authn_response(
        identity=attributes,
        in_response_to=request.message.id,
        destination=ACS,
        sp_entity_id=audience,
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text="pseudo-" + attributes["uid"][0]),
        sign_assertion=sign,
        sign_response=False,
        sign_alg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        digest_alg="http://www.w3.org/2001/04/xmlenc#sha256",
        authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
    )
    posted = {"SAMLResponse": base64.b64encode(str(xml).encode()).decode(), "RelayState": relay}
    return posted, client.post(reverse("saml_acs", args=["entree"]), posted, follow=True)


def staff(email, affiliation="employee", brin="11AA"):
    return {
        "uid": [email.split("@")[0]],
        "mail": [email],
        "eduPersonAffiliation": [affiliation],
        "nlEduPersonHomeOrganizationId": [brin],
    }


def test_staff_of_the_school_sign_in_once_and_a_replay_is_refused(entree_app, idp_keys, member, school):
    client = Client(HTTP_HOST="testserver")
    saml_request, relay = start(client)
    posted, response = respond(client, idp_keys, saml_request, relay, staff(member.email))
    assert response.status_code == 200 and client.session.get("_auth_user_id") == str(member.pk), response.content[
        -2000:
    ]
    assert SocialAccount.objects.get(user=member).provider == "entree"
    # The same response posted again (by an attacker or a back button) does not log anyone in.
    thief = Client(HTTP_HOST="testserver")
    thief.post(reverse("saml_acs", args=["entree"]), posted, follow=True)
    assert "_auth_user_id" not in thief.session


def test_a_pupil_is_refused_with_a_dutch_page(entree_app, idp_keys, member):
    client = Client(HTTP_HOST="testserver")
    saml_request, relay = start(client)
    _posted, response = respond(client, idp_keys, saml_request, relay, staff(member.email, "student"))
    assert response.status_code == 403 and "Alleen medewerkers" in response.content.decode()
    assert "_auth_user_id" not in client.session and not SocialAccount.objects.exists()


def test_an_unknown_person_is_refused(entree_app, idp_keys):
    client = Client(HTTP_HOST="testserver")
    saml_request, relay = start(client)
    _posted, response = respond(client, idp_keys, saml_request, relay, staff("vreemd@school.test"))
    assert response.status_code == 403 and "Vraag je schoolleider" in response.content.decode()


def test_an_unsigned_assertion_is_refused(entree_app, idp_keys, member):
    client = Client(HTTP_HOST="testserver")
    saml_request, relay = start(client)
    _posted, response = respond(client, idp_keys, saml_request, relay, staff(member.email), sign=False)
    assert response.status_code == 401  # allauth's sign-in error page
    assert "_auth_user_id" not in client.session and not SocialAccount.objects.exists()


def test_a_wrong_audience_is_refused(entree_app, idp_keys, member):
    client = Client(HTTP_HOST="testserver")
    saml_request, relay = start(client)
    _posted, response = respond(
        client, idp_keys, saml_request, relay, staff(member.email), audience="https://andere-dienst.test/"
    )
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session and not SocialAccount.objects.exists()
