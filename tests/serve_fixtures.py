"""The small site the `lattice serve` tests ask, and a client of its app: one per test module.

Registered for every test by `pytest_plugins` in conftest.py; a module that needs another `site`
(the publish tests read the real published site) defines its own, which takes precedence.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from lattice_kg.serve.app import create_app
from lattice_kg.store import open_store

from .serve_site import MAX_BYTES, MAX_ROWS, make_site


@pytest.fixture(scope="module")
def store_path() -> Path:
    return open_store().path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("serve") / "site", open_store().store)


@pytest.fixture(scope="module")
def client(site: Path, store_path: Path) -> Iterator[TestClient]:
    app = create_app(site, store_path, timeout=10, max_rows=MAX_ROWS, max_request_bytes=MAX_BYTES)
    with TestClient(app, follow_redirects=False) as c:
        yield c
