"""The site's `.htaccess` on a real Apache httpd (Debian's apache2) on 127.0.0.1: the 303s a static host
gives, from the rules `lattice publish` writes. Skipped without apache2, unless LATTICE_REQUIRE_APACHE=1.

Apache refuses to run as root, so when the tests run as root it serves as www-data, from a folder
that user can read.
"""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import rdflib

from .conftest import SITE_BASE_URL
from .loopback import free_port, wait_until_listening

APACHE = shutil.which("apache2", path="/usr/sbin:/usr/local/sbin:" + os.environ.get("PATH", ""))
MODULES = Path("/usr/lib/apache2/modules")
if not APACHE or not MODULES.is_dir():
    if os.environ.get("LATTICE_REQUIRE_APACHE") == "1":
        pytest.fail("LATTICE_REQUIRE_APACHE=1 but apache2 is not installed", pytrace=False)
    pytest.skip("apache2 is not installed (CI installs Debian's)", allow_module_level=True)

JAPAN = "https://w3id.org/lattice/id/actor/japan"


@pytest.fixture(scope="module")
def apache(published_site: Path) -> Iterator[tuple[str, int]]:
    top = Path(tempfile.mkdtemp(prefix="lattice-apache-"))
    top.chmod(0o755)
    port = free_port()
    # the session's site, in the folder its base URL names: the .htaccess rules depend on that path alone
    assert urlsplit(SITE_BASE_URL).path == "/lattice"
    shutil.copytree(published_site, top / "root" / "lattice")
    for folder, _, files in os.walk(top):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
    modules = ["mpm_event", "authz_core", "mime", "dir", "rewrite", "headers"]
    user = ["User www-data", "Group www-data"] if os.geteuid() == 0 else []
    (top / "httpd.conf").write_text(
        "\n".join(
            [
                f"DefaultRuntimeDir {top}",
                f"PidFile {top}/httpd.pid",
                f"ErrorLog {top}/error.log",
                f"Listen 127.0.0.1:{port}",
                "ServerName 127.0.0.1",
                *(f"LoadModule {m}_module {MODULES}/mod_{m}.so" for m in modules),
                "TypesConfig " + ("/etc/mime.types" if Path("/etc/mime.types").is_file() else "/dev/null"),
                *user,
                f"DocumentRoot {top}/root",
                f"<Directory {top}/root>",
                "  AllowOverride All",
                "  Require all granted",
                "</Directory>",
                "",
            ]
        )
    )
    proc = subprocess.Popen([APACHE, "-f", str(top / "httpd.conf"), "-DFOREGROUND"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        if not wait_until_listening(port, proc):
            pytest.fail(f"apache2 did not start: {(top / 'error.log').read_text()}")
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(top, ignore_errors=True)


def get(server: tuple[str, int], path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(*server, timeout=10)
    connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


@pytest.mark.parametrize(
    ("accept", "language", "target"),
    [
        ("text/turtle", "", "data/actor/japan.ttl"),
        ("application/ld+json", "", "data/actor/japan.jsonld"),
        ("application/n-triples", "", "data/actor/japan.nt"),
        ("text/html", "", "page/actor/japan.html"),
        ("text/html", "zh-CN,zh;q=0.9", "page/actor/japan.zh.html"),
        ("*/*", "", "page/actor/japan.html"),
    ],
)
def test_an_iri_is_303_to_what_accept_asks_for(apache: tuple[str, int], accept: str, language: str,
                                               target: str) -> None:  # fmt: skip
    headers = {"Accept": accept} | ({"Accept-Language": language} if language else {})
    response = get(apache, "/lattice/id/actor/japan", **headers)
    assert response.status == 303
    location = response.getheader("Location")
    assert location == f"http://{apache[0]}:{apache[1]}/lattice/{target}"
    followed = get(apache, location.split(str(apache[1]), 1)[1])
    assert followed.status == 200


def test_the_turtle_describes_the_thing(apache: tuple[str, int]) -> None:
    response = get(apache, "/lattice/data/actor/japan.ttl")
    assert response.getheader("Content-Type") == "text/turtle; charset=utf-8"
    graph = rdflib.Graph().parse(data=response.body, format="turtle")  # type: ignore[attr-defined]
    assert (rdflib.URIRef(JAPAN), None, None) in graph


def test_unknown_iris_are_404_and_the_ontology_negotiates(apache: tuple[str, int]) -> None:
    assert get(apache, "/lattice/id/actor/nobody", Accept="text/turtle").status == 404
    ontology = get(apache, "/lattice/ontology", Accept="text/turtle")
    assert ontology.status == 303 and ontology.getheader("Location").endswith("/lattice/ontology/lattice.ttl")
    docs = get(apache, "/lattice/ontology", Accept="text/html")
    assert docs.status == 303 and docs.getheader("Location").endswith("/lattice/ontology/index.html")
    void = get(apache, "/lattice/.well-known/void")
    assert void.status == 303 and void.getheader("Location").endswith("/lattice/void.ttl")
