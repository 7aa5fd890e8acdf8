"""The negotiation rules `publish/apache.py` writes, as text: the site's `.htaccess` and the w3id.org
folder. test_apache.py runs them on a real Apache (and skips without one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .published import HOST


@pytest.fixture
def site(published_site: Path) -> Path:
    """The session's site (published with --base-url HOST), under the name these tests use."""
    return published_site


def test_apache_and_w3id_negotiate_by_accept(site: Path) -> None:
    htaccess = (site / ".htaccess").read_text()
    assert "RewriteBase /lattice/\n" in htaccess
    for accept, target in (("text/turtle", "data/$1.ttl"), (r"application/ld\+json", "data/$1.jsonld"),
                           ("application/n-triples", "data/$1.nt")):  # fmt: skip
        assert f"RewriteCond %{{HTTP_ACCEPT}} {accept}\nRewriteRule ^id/(.+)$ {target} [R=303,L]" in htaccess
    assert "RewriteRule ^id/(.+)$ page/$1.html [R=303,L]" in htaccess
    assert (
        "RewriteCond %{DOCUMENT_ROOT}/lattice/data/$1.ttl !-f\nRewriteRule ^id/(.+)$ - [R=404,L]" in htaccess
    )
    w3id = (site / "w3id" / ".htaccess").read_text()
    assert f"RewriteRule ^id/(.+)$ {HOST}/data/$1.ttl [R=303,L]" in w3id
    assert f"RewriteRule ^(.*)$ {HOST}/$1 [R=302,L]" in w3id
    assert (site / "w3id" / "README.md").is_file()
