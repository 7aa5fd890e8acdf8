"""Every description in each of the site's RDF syntaxes (`publish/formats.py`): Oxigraph reads a thing's
Turtle, JSON-LD, N-Triples and the JSON-LD in its pages as one graph, rdflib reads a sample the same, and
Raptor parses the dumps and every file."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from .published import ID, described, oxigraph_graph, same_graph


@pytest.fixture
def site(published_site: Path) -> Path:
    """The session's site (published with --base-url HOST), under the name these tests use."""
    return published_site


SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_every_things_turtle_json_ld_n_triples_and_embedded_json_ld_are_one_graph(
    site: Path, graph: rdflib.Graph
) -> None:
    """Every described thing, parsed by Oxigraph: its three files and the JSON-LD of both its pages."""
    differ = []
    for iri in sorted(described(graph)):
        path = iri[len(ID) :]
        turtle = oxigraph_graph(site / "data" / f"{path}.ttl", ox.RdfFormat.TURTLE)
        assert any(q.subject == ox.NamedNode(iri) for q in turtle), path
        others = {
            "jsonld": oxigraph_graph(site / "data" / f"{path}.jsonld", ox.RdfFormat.JSON_LD),
            "nt": oxigraph_graph(site / "data" / f"{path}.nt", ox.RdfFormat.N_TRIPLES),
        }
        for lang_page in (f"{path}.html", f"{path}.zh.html"):
            embedded = SCRIPT.search((site / "page" / lang_page).read_text(encoding="utf-8"))
            assert embedded, lang_page
            others[lang_page] = oxigraph_graph(embedded.group(1).replace("<\\/", "</"), ox.RdfFormat.JSON_LD)
        differ += [f"{path}: {name}" for name, other in others.items() if not same_graph(turtle, other)]
    assert differ == []


SAMPLE = ("actor/japan", "source/zhao-2024", "agreement/japan-australia-raa", "source/zhao-2024/fn/p9-1",
          "statement/membership-quad-japan")  # fmt: skip


def signature(g: rdflib.Graph) -> Counter[tuple[str, str, str]]:
    """The triples with each blank node written as the tree below it: for acyclic blank nodes (anchors,
    selectors), equal signatures mean isomorphic graphs; rdflib's own `isomorphic` is too slow here."""
    memo: dict[rdflib.BNode, str] = {}

    def term(node: object) -> str:
        if not isinstance(node, rdflib.BNode):
            return node.n3()  # type: ignore[attr-defined]
        if node not in memo:
            memo[node] = "(cycle)"
            memo[node] = (
                "[" + " ; ".join(sorted(f"{p.n3()} {term(o)}" for p, o in g.predicate_objects(node))) + "]"
            )
        return memo[node]

    return Counter((term(s), p.n3(), term(o)) for s, p, o in g)


def test_rdflib_reads_the_same_graphs(site: Path) -> None:
    """A second parser on a sample (rdflib is slow on the large ones): the same graph in every format."""
    for path in SAMPLE:
        turtle = rdflib.Graph().parse(site / "data" / f"{path}.ttl", format="turtle")
        assert len(turtle) == len(oxigraph_graph(site / "data" / f"{path}.ttl", ox.RdfFormat.TURTLE)), path
        expected = signature(turtle)
        for ext, fmt in (("jsonld", "json-ld"), ("nt", "nt")):
            other = rdflib.Graph().parse(site / "data" / f"{path}.{ext}", format=fmt)
            assert len(other) == len(turtle) and signature(other) == expected, f"{path}.{ext}"


def rapper() -> str:
    """Raptor's `rapper` (Debian's raptor2-utils): a parser independent of Oxigraph and rdflib."""
    found = shutil.which("rapper")
    if found is None:
        if os.environ.get("LATTICE_REQUIRE_RAPPER") == "1":
            pytest.fail(
                "rapper is not installed (apt-get install raptor2-utils) and LATTICE_REQUIRE_RAPPER=1"
            )
        pytest.skip("rapper (raptor2-utils) is not installed")
    return found


def raptor_count(data: bytes, syntax: str) -> int:
    """Triples Raptor parses from `data`; fails on any error or warning it prints."""
    done = subprocess.run(
        [rapper(), "--count", "--input", syntax, "-", "https://example.org/base"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()[:2000]
    assert b"Error" not in done.stderr and b"Warning" not in done.stderr, done.stderr.decode()[:2000]
    return int(re.search(rb"returned (\d+) triples", done.stderr + done.stdout)[1])  # type: ignore[index]


def test_raptor_parses_the_dumps_and_every_things_files(site: Path, graph: rdflib.Graph) -> None:
    """Raptor has no JSON-LD parser: it reads the Turtle and N-Triples; JSON-LD is read by Oxigraph
    and rdflib above. The per-thing files are fed to one rapper each per syntax (Turtle allows a
    @prefix anywhere, N-Triples is line by line), and counted against Oxigraph's count file by file."""
    rapper()
    dump = (site / "dumps" / "lattice.ttl").read_bytes()
    assert raptor_count(dump, "turtle") == len(graph)
    assert raptor_count(gzip.decompress((site / "dumps" / "lattice.nt.gz").read_bytes()), "ntriples") == len(
        graph
    )
    for ext, syntax, fmt in (
        ("ttl", "turtle", ox.RdfFormat.TURTLE),
        ("nt", "ntriples", ox.RdfFormat.N_TRIPLES),
    ):
        files = sorted((site / "data").rglob(f"*.{ext}")) + sorted((site / "referenced").rglob(f"*.{ext}"))
        assert len(files) > len(described(graph))
        expected = sum(len(list(ox.parse(path=str(f), format=fmt))) for f in files)
        joined = b"\n".join(f.read_bytes() for f in files)
        assert raptor_count(joined, syntax) == expected, ext
    for path in SAMPLE:  # and a few alone, the largest among them
        for ext, syntax, fmt in (
            ("ttl", "turtle", ox.RdfFormat.TURTLE),
            ("nt", "ntriples", ox.RdfFormat.N_TRIPLES),
        ):
            file = site / "data" / f"{path}.{ext}"
            assert raptor_count(file.read_bytes(), syntax) == len(list(ox.parse(path=str(file), format=fmt)))
