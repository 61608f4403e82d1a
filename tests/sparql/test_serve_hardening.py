"""``kg serve`` under abuse: Host checks, timeouts, disconnects, paths, CORS, one-line errors."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port

from kg.serve import start_server

pytestmark = pytest.mark.server

QUERY = "SELECT ?s WHERE { ?s a kgo:County } LIMIT 1"


@pytest.fixture
def served(tmp_path, seed_out) -> Iterator:
    """kg serve over a copy of the seed graph, with a 1 s idle timeout."""
    folder = tmp_path / "served"
    folder.mkdir()
    shutil.copy(seed_out / "kg.ttl", folder / "kg.ttl")
    shutil.copy(seed_out / "kg.html", folder / "kg.html")
    server = start_server(folder / "kg.ttl", port=0, timeout=5, idle_timeout=1.0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.close()


def raw(server, request: bytes, wait: float = 5.0) -> bytes:
    """The bytes a raw HTTP request gets back before the server closes or ``wait`` passes."""
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=wait) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
    return b"".join(chunks)


def get(server, path: str, host: str = "127.0.0.1", extra: str = "") -> tuple[int, bytes, bytes]:
    """(status, headers, body) of a GET with the given Host header."""
    reply = raw(
        server, f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n".encode()
    )
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split()[1]), head, body


def test_other_host_names_get_400_and_local_ones_are_answered(served):
    port = served.server_address[1]
    path = "/sparql?query=ASK%7B%7D"
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", "LOCALHOST"):
        assert get(served, path, host)[0] == 200, host
    for host in (
        "evil.example",
        f"evil.example:{port}",
        "127.0.0.1.evil.example",
        "localhost.evil",
    ):
        status, _, body = get(served, path, host)
        assert status == 400 and body.count(b"\n") == 1, host


def test_the_host_named_by_host_is_accepted(seed_out):
    server = start_server(seed_out / "kg.ttl", host="localhost", port=0, timeout=5)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert get(server, "/sparql?query=ASK%7B%7D", "localhost")[0] == 200
        assert get(server, "/sparql?query=ASK%7B%7D", "attacker.example")[0] == 400
    finally:
        server.shutdown()
        server.close()


def test_an_idle_connection_is_closed_after_the_timeout(served):
    host, port = served.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as sock:
        started = time.monotonic()
        assert sock.recv(100) == b""  # closed by the server, not by our timeout
        assert time.monotonic() - started < 5


def test_a_body_shorter_than_its_length_gets_408_after_the_timeout(served):
    started = time.monotonic()
    reply = raw(
        served,
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 100\r\n\r\nASK {}",
        wait=10,
    )
    assert reply.startswith(b"HTTP/1.1 408") and time.monotonic() - started < 5
    assert reply.partition(b"\r\n\r\n")[2].count(b"\n") == 1


@pytest.mark.parametrize(
    "path",
    ["/../kg.ttl", "/%2e%2e/kg.ttl", "/..%2fkg.ttl", "//etc/passwd", "/kg.ttl", "/%2fetc%2fpasswd",
     "/kg-data.0123456789ab.js/../../kg.ttl", "/.kg-current/kg.ttl"],
)  # fmt: skip
def test_no_file_outside_the_pages_is_reachable(served, path):
    status, _, body = get(served, path)
    assert status == 404 and b"@prefix" not in body


def test_symlinks_out_of_the_served_folder_are_not_followed(served, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    folder = served.page.parent
    (folder / "kg.html").unlink()
    (folder / "kg.html").symlink_to(secret)
    (folder / "kg-data.0123456789ab.js").symlink_to(secret)
    for path in ("/", "/kg.html", "/kg-data.0123456789ab.js"):
        status, _, body = get(served, path)
        assert status == 404 and b"SECRET" not in body, path
    (folder / "kg-data.0123456789ab.js").unlink()
    (folder / "kg-data.0123456789ab.js").write_text("window.KG_DATA = {};", encoding="utf-8")
    assert get(served, "/kg-data.0123456789ab.js")[0] == 200


def test_cors_is_off_by_default_and_on_when_configured(served, seed_out):
    _, head, _ = get(served, "/sparql?query=ASK%7B%7D", extra="Origin: http://a.example\r\n")
    assert b"access-control-allow-origin" not in head.lower()
    server = start_server(seed_out / "kg.ttl", port=0, timeout=5, allow_origin="http://a.example")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _, head, _ = get(server, "/sparql?query=ASK%7B%7D", extra="Origin: http://a.example\r\n")
        assert b"Access-Control-Allow-Origin: http://a.example" in head
    finally:
        server.shutdown()
        server.close()


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"PUT /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n", 501),
        (b"GARBAGE\r\n\r\n", 400),
        (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", 414),
        (b"GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", 505),
    ],
)
def test_errors_the_stdlib_answers_are_one_line_of_text(served, request_bytes, status):
    reply = raw(served, request_bytes)
    if not reply.startswith(b"HTTP/"):  # unparsable request line: answered as HTTP/0.9, no head
        reply = b"HTTP/0.9 %d\r\nContent-Type: text/plain\r\n\r\n" % status + reply
    head, _, body = reply.partition(b"\r\n\r\n")
    assert int(head.split()[1]) == status and body.startswith(b"%d " % status)
    assert b"text/plain" in head and body.count(b"\n") == 1 and b"<" not in body


def test_20_clients_at_once_are_all_answered(served):
    statuses: list[int] = []

    def client() -> None:
        for _ in range(5):
            statuses.append(get(served, "/sparql?query=ASK%7B%7D")[0])

    threads = [threading.Thread(target=client) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert statuses == [200] * 100


def _serve_process(graph: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "kg.cli", "serve", "--graph", str(graph), "--port", str(port)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_a_terminal_sends_it,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"kg serve did not start: {process.communicate()[1]}")


def test_clients_that_go_away_leave_no_traceback(seed_out):
    port = free_port()
    process = _serve_process(seed_out / "kg.ttl", port)
    try:
        big = "SELECT * WHERE { ?s ?p ?o }"
        request = f"GET /sparql?query={big.replace(' ', '%20')} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        for _ in range(5):
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.sendall(request.encode())  # and go away before the answer
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.sendall(request.encode())
                sock.recv(10)  # the answer started: reset the connection mid-answer
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n")
        time.sleep(1)
    finally:
        process.send_signal(2)
        _, err = process.communicate(timeout=30)
    assert "Traceback" not in err and "Error" not in err, err


def test_a_port_out_of_range_is_one_line(capsys):
    from kg.cli import main

    assert main(["serve", "--port", "99999", "--graph", os.devnull]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "99999" in err and "Traceback" not in err


def _ctrl_c_as_a_terminal_sends_it() -> None:
    """In the child: Ctrl-C handled by default, even when this test run was started with
    SIGINT ignored (a shell's background job), which the child would inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
