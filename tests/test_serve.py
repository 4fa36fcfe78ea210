"""`pst serve` as a server: what it serves, to whom, what no URL can reach, and how it stops.

One real process serves a copy of a small project for the module (the server, uvicorn's
parsing of the request line and the routes are the point); requests are written by hand
with `http.client`, so that `../` and `%2e%2e` reach the server exactly as typed.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import re
import socket
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_project, run_pst, words
from serving import serving

SECRET = "TOP-SECRET-never-served"


def request(port: int, path: str, host: str | None = "localhost", method: str = "GET") -> tuple[int, bytes]:
    """Send `METHOD path` with this `Host` header (None: none at all), byte for byte; the status and body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def tilleuls(tmp_path_factory) -> Path:
    """The project served, with a secret outside it and links inside that point to it."""
    root = tmp_path_factory.mktemp("serve")
    project = copy_project(FIXTURES / "serve_small", root / "tilleuls")
    secret = root / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    for name in ("secret.txt", "figure-secret.png", "serve.js"):
        (project / name).symlink_to(secret)
    (project / "passwd").symlink_to("/etc/passwd")
    return project


@pytest.fixture(scope="module")
def server(tilleuls):
    with serving(tilleuls) as running:
        running.wait_for(lambda state: state["document"] >= 1 and not state["busy"])
        yield running


def project_files(project: Path) -> dict[str, str]:
    return {str(path.relative_to(project)): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(project.rglob("*")) if path.is_file()}


def test_the_page_shows_the_document_and_its_findings(server):
    status, page = request(server.port, "/")
    assert status == 200 and b'<iframe id="document" src="/document"' in page
    status, document = request(server.port, "/document")
    assert status == 200 and "Projet social des Tilleuls" in document.decode()
    state = server.state()
    assert state["clean"] and state["groups"] == [] and "0 erreur" in words(state["summary"])
    assert state["grid"] is None


def test_the_figures_are_served_from_memory_by_the_names_the_document_gives(server):
    document = request(server.port, "/document")[1].decode()
    names = sorted(set(re.findall(r'src="(figure-[0-9a-f]+\.png)"', document)))
    assert names and "data:image" not in document
    for name in names:
        status, data = request(server.port, "/" + name)
        assert status == 200 and data.startswith(b"\x89PNG")
    assert request(server.port, "/figure-" + "0" * 32 + ".png")[0] == 404


@pytest.mark.parametrize(
    "path",
    [
        "/secret.txt", "/figure-secret.png", "/passwd", "/pst.yaml", "/plan/actions/fa-01-permanence.yaml",
        "/../secret.txt", "/../../etc/passwd", "/assets/../../secret.txt", "/assets/serve.js/../../pst.yaml",
        "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/%2E%2E/%2E%2E/etc/passwd", "/assets/%2e%2e/%2e%2e/pst.yaml",
        "/..%2f..%2fetc%2fpasswd", "/..%5c..%5cpst.yaml", "/figure-..%2f..%2fsecret.txt", "/figure-%2e%2e/secret.txt",
        "/document/../pst.yaml", "/document/..%2fpst.yaml", "//etc/passwd", "/etc/passwd", "/%2fetc%2fpasswd",
        "http://127.0.0.1/etc/passwd", "/assets/serve.js%00.yaml", "/assets/", "/assets/passwd", "/serve.js",
    ],
)
def test_no_url_reaches_the_file_system(server, tilleuls, path):
    status, body = request(server.port, path)
    assert status in (400, 404), (path, status)
    assert SECRET.encode() not in body and b"root:" not in body and b"Tilleuls" not in body


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "localhost.evil.example", "127.0.0.1.nip.io", "[::1]", "", None])
def test_a_request_for_another_host_is_refused(server, host):
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 sends `Host: evil.example`."""
    host = host.format(port=server.port) if host else host
    for path in ("/", "/document", "/state", "/events"):
        status, body = request(server.port, path, host=host)
        assert status == 400, (host, path)
        assert b"Tilleuls" not in body


@pytest.mark.parametrize("host", ["localhost", "localhost:{port}", "127.0.0.1:{port}", "LOCALHOST"])
def test_this_machine_is_served_under_its_names(server, host):
    assert request(server.port, "/state", host=host.format(port=server.port))[0] == 200


def test_nothing_can_be_written(server, tilleuls):
    before = project_files(tilleuls)
    for path in ("/", "/document", "/state", "/events", "/assets/serve.js", "/pst.yaml"):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            status, _ = request(server.port, path, method=method)
            assert status in (404, 405), (method, path, status)
    assert project_files(tilleuls) == before


def test_it_listens_on_the_loopback_address_only(server):
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port = local.rsplit(":", 1)
            if int(port, 16) == server.port and state == "0A":
                listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, and nothing on IPv6 or on the network


def test_the_event_stream_sends_the_state(server):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", "/events", headers={"Host": "localhost"})
    response = connection.getresponse()
    assert response.status == 200 and response.getheader("Content-Type").startswith("text/event-stream")
    lines = []
    while not lines or lines[-1] != b"\n" or not any(line.startswith(b"data:") for line in lines):
        lines.append(response.fp.readline())
    connection.close()
    data = next(line for line in lines if line.startswith(b"data:"))
    assert json.loads(data[5:])["document"] >= 1


def test_ctrl_c_stops_it_cleanly(tmp_path):
    """Ctrl-C while a page listens and a refresh may be under way: exit 0, one line, no temporary file left."""
    project = copy_project(FIXTURES / "serve_small", tmp_path / "tilleuls")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with serving(project, env={"TMPDIR": str(temporary)}) as running:
        running.wait_for(lambda state: state["document"] >= 1 and not state["busy"])
        listener = http.client.HTTPConnection("127.0.0.1", running.port, timeout=20)
        listener.request("GET", "/events", headers={"Host": "localhost"})
        stream = listener.getresponse()
        action = project / "plan" / "actions" / "fa-01-permanence.yaml"
        action.write_text(action.read_text(encoding="utf-8").replace("Permanence à", "Accueil à"), encoding="utf-8")
        code, out, err = running.stop()
        assert b"event: state" in stream.read()  # the stream ends with the server, it does not hang
        listener.close()
    assert code == 0, err
    assert "Aperçu arrêté." in out
    assert "Traceback" not in err
    assert list(temporary.iterdir()) == []


def test_a_port_in_use_is_refused_with_a_way_out(tmp_path):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        result = run_pst("serve", FIXTURES / "serve_small", "--port", str(port))
    finally:
        taken.close()
    assert result.code == 2
    assert f"le port {port} est déjà utilisé" in result.err
    assert "--port 0" in result.err and "Traceback" not in result.err


def test_no_project_no_server(tmp_path):
    result = run_pst("serve", tmp_path, "--port", "0")
    assert result.code == 2 and "pst.yaml" in result.err


def test_the_help_says_what_it_does():
    result = run_pst("serve", "--help")
    assert result.code == 0 and "--port" in result.out and "--open" in result.out
    assert "navigateur" in result.out
