"""The harvester connects to the address it checked: a name that resolves to a public address
when checked and to the city's own network a moment later (DNS rebinding) reaches nothing
inside, over plain HTTP, through redirects and over TLS (where the certificate is still
checked against the name)."""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests.adapters
import urllib3.util.connection
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.utils import translation

from opendata.harvest import remote
from opendata.harvest.remote import HarvestFailed, fetch

# A public address (not on this machine): the test maps connections to it onto a local server.
PUBLIC = "93.184.215.14"


class Rebinding:
    """Every name resolves to PUBLIC the first time it is looked up, to 127.0.0.1 after."""

    def __init__(self, monkeypatch, public_port: int) -> None:
        self.lookups: list[str] = []
        self.connections: list[tuple[str, int]] = []
        real_getaddrinfo = socket.getaddrinfo
        real_connect = urllib3.util.connection.create_connection

        def getaddrinfo(host, port, *args, **kwargs):
            if not str(host).endswith(".example"):
                return real_getaddrinfo(host, port, *args, **kwargs)
            address = PUBLIC if host not in self.lookups else "127.0.0.1"
            self.lookups.append(host)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

        def connect(address, *args, **kwargs):
            self.connections.append(address)
            if address[0] == PUBLIC:
                address = ("127.0.0.1", public_port)
            return real_connect(address, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(urllib3.util.connection, "create_connection", connect)


def _port(server_url: str) -> int:
    return int(server_url.rsplit(":", 1)[1])


@pytest.fixture(autouse=True)
def _public_only(settings):
    settings.HARVEST_ALLOW_PRIVATE_HOSTS = False
    with translation.override("en"):
        yield


def test_a_name_rebound_after_the_check_is_not_connected_to(
    static_server, internal_server, monkeypatch
):
    rebinding = Rebinding(monkeypatch, public_port=_port(static_server.url))
    static_server.routes["/catalog.ttl"] = ("text/turtle", b"# public")
    internal_server.routes["/catalog.ttl"] = ("text/turtle", b"# internal")
    port = _port(internal_server.url)

    response = fetch(f"http://catalogue.example:{port}/catalog.ttl", timeout=5)

    assert response.content == b"# public"
    assert internal_server.requests == []
    assert rebinding.connections == [(PUBLIC, port)]
    assert static_server.hosts == [f"catalogue.example:{port}"]


def test_redirects_are_checked_and_pinned_the_same_way(static_server, internal_server, monkeypatch):
    rebinding = Rebinding(monkeypatch, public_port=_port(static_server.url))
    port = _port(internal_server.url)
    static_server.redirects["/old.ttl"] = f"http://mirror.example:{port}/catalog.ttl"
    static_server.routes["/catalog.ttl"] = ("text/turtle", b"# public")
    internal_server.routes["/catalog.ttl"] = ("text/turtle", b"# internal")

    response = fetch(f"http://catalogue.example:{port}/old.ttl", timeout=5)

    assert response.content == b"# public"
    assert internal_server.requests == []
    assert {address for address, _port in rebinding.connections} == {PUBLIC}
    assert static_server.hosts == [f"catalogue.example:{port}", f"mirror.example:{port}"]


def test_a_private_address_is_refused_before_connecting(internal_server, monkeypatch):
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::ffff:10.0.0.1", port, 0, 0))
        ],
    )
    with pytest.raises(HarvestFailed, match="private network"):
        fetch(f"http://catalogue.example:{_port(internal_server.url)}/", timeout=5)
    assert internal_server.requests == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://catalogue.example/x.ttl"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(HarvestFailed, match="Only http and https"):
        fetch(url, timeout=5)


def test_an_unknown_name_fails_as_unreachable(monkeypatch):
    def unknown(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    with pytest.raises(HarvestFailed, match="could not be reached"):
        fetch("https://nowhere.example/catalog.ttl", timeout=5)


def _certificate(tmp_path, name: str) -> tuple[str, str]:
    """A self-signed certificate for ``name``; returns the certificate and key files."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_file), str(key_file)


@pytest.fixture
def tls_server(tmp_path):
    """An HTTPS server with a certificate for catalogue.example, trusted like a real CA."""
    cert_file, key_file = _certificate(tmp_path, "catalogue.example")
    server_names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    context.sni_callback = lambda sock, name, ctx: server_names.append(name)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            body = self.headers.get("Host", "").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], cert_file, server_names
    server.shutdown()
    server.server_close()


def test_tls_speaks_to_the_name_while_connecting_to_the_checked_address(
    tls_server, internal_server, monkeypatch
):
    port, cert_file, server_names = tls_server
    monkeypatch.setattr(requests.adapters, "DEFAULT_CA_BUNDLE_PATH", cert_file)
    rebinding = Rebinding(monkeypatch, public_port=port)

    response = fetch(f"https://catalogue.example:{port}/catalog.ttl", timeout=5)

    assert response.content == f"catalogue.example:{port}".encode()  # the Host header
    assert server_names == ["catalogue.example"]  # SNI
    assert rebinding.connections == [(PUBLIC, port)]


def test_tls_still_checks_the_certificate_against_the_name(tls_server, monkeypatch):
    port, cert_file, _names = tls_server
    monkeypatch.setattr(requests.adapters, "DEFAULT_CA_BUNDLE_PATH", cert_file)
    Rebinding(monkeypatch, public_port=port)

    with pytest.raises(HarvestFailed):
        fetch(f"https://other.example:{port}/catalog.ttl", timeout=5)


def test_the_pinned_adapter_asks_no_other_host():
    adapter = remote.PinnedAddressAdapter(hostname="catalogue.example", address=PUBLIC)
    request = requests.Request("GET", "http://elsewhere.example/").prepare()
    with pytest.raises(requests.exceptions.InvalidURL):
        adapter.build_connection_pool_key_attributes(request, True)
    assert ipaddress.ip_address(PUBLIC).is_global
