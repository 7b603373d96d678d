"""Issue 18: ``procgraph serve`` on a busy port printed "pages at …", then failed with exit 3 and
no hint. Now it says the port is taken, suggests ``--port``, exits 2, and prints no "pages at".
"""

from __future__ import annotations

import socket

from procgraph.cli import main
from tests.integration.server.conftest import make_store


def test_a_taken_port_is_exit_2_naming_port(tmp_path, capsys):
    store = make_store(tmp_path / "store")
    busy = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    port = busy.getsockname()[1]
    try:
        code = main(["serve", "--store", str(store), "--port", str(port), "--workers", "1"])
    finally:
        busy.close()
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"port {port}" in err and "taken" in err and "--port" in err
    assert "pages at" not in err
