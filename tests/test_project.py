"""The project core: lattice.toml, the one vocabulary, and that nothing else in src/ restates them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from lattice_kg.core import vocab
from lattice_kg.core.errors import EXIT_FINDINGS, EXIT_INPUT, Findings, InputError, LatticeError, RemoteError
from lattice_kg.core.project import CONFIG, project

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "lattice_kg"


def test_the_checkout_is_read_from_lattice_toml() -> None:
    p = project(ROOT)
    assert p.base == "https://w3id.org/lattice"
    assert p.id_base == "https://w3id.org/lattice/id/" and p.vocab == "https://w3id.org/lattice/ontology#"
    assert [s.id for s in p.sources] == ["zhao-2024"]
    assert p.source.iri == "https://w3id.org/lattice/id/source/zhao-2024"
    assert p.source.text == (ROOT.parent / "shared" / "source" / "zhao-2024.txt").resolve()
    assert p.default("focus") == "https://w3id.org/lattice/id/actor/japan"


def test_the_recorded_hash_is_the_texts(tmp_path: Path) -> None:
    source = project(ROOT).source
    if not source.text_path().is_file():
        pytest.skip("the source text is not beside this checkout")
    assert source.sha256 == source.text_sha256()


def test_the_text_file_can_be_overridden_by_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LATTICE_SOURCE_TEXT", "/elsewhere/z.txt")
    assert project(ROOT).source.text_path() == Path("/elsewhere/z.txt")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[project\n", "not valid TOML"),
        ('[project]\nbase = "https://e.org/kg"\n', "missing 'sources'"),
        ('[project]\nbase = "https://e.org/kg"\n[[sources]]\nid = "a"\n', "missing 'text'"),
        ('[project]\nbase = "https://e.org/kg"\n[[sources]]\nid = "a"\ntext = "a.txt"\nlayout = "tei"\n',
         "source a: unknown layout 'tei' (known: print-footnotes)"),
        ('[project]\nbase = "https://e.org/kg"\n[[sources]]\nid = "a"\ntext = "a.txt"\n'
         '[[sources]]\nid = "a"\ntext = "b.txt"\n', "two sources share one id"),
    ],
)  # fmt: skip
def test_a_broken_lattice_toml_is_one_line_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / CONFIG).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        project(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / CONFIG}: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_new_base_changes_every_derived_namespace(tmp_path: Path) -> None:
    text = (
        (ROOT / CONFIG)
        .read_text(encoding="utf-8")
        .replace("https://w3id.org/lattice", "https://example.org/kg")
    )
    (tmp_path / CONFIG).write_text(text, encoding="utf-8")
    v = vocab.Vocabulary(project(tmp_path))
    assert v.lat == "https://example.org/kg/ontology#"
    assert v.curie("https://example.org/kg/id/actor/japan") == "actor:japan"
    assert v.curie("https://example.org/kg/id/source/zhao-2024/fn/p3-4") == "fn:p3-4"
    assert v.curie("https://w3id.org/lattice/id/actor/japan") == "https://w3id.org/lattice/id/actor/japan"


def test_one_shortener_style() -> None:
    v = vocab.vocabulary()
    cases = {
        "https://w3id.org/lattice/id/actor/japan": "actor:japan",
        "https://w3id.org/lattice/id/mechanism/quad": "mech:quad",
        "https://w3id.org/lattice/id/source/zhao-2024/fn/p3-4": "fn:p3-4",
        "https://w3id.org/lattice/id/source/zhao-2024/section/3.1": "sec:3.1",
        "https://w3id.org/lattice/id/source/zhao-2024": "src:zhao-2024",
        "https://w3id.org/lattice/ontology#Actor": "lat:Actor",
        "https://w3id.org/lattice/id/thing": "id:thing",
        "http://www.w3.org/2004/02/skos/core#prefLabel": "skos:prefLabel",
        "https://w3id.org/lattice/id/actor/a b": "https://w3id.org/lattice/id/actor/a b",  # not a plain path
        "http://example.org/x": "http://example.org/x",
    }
    assert {iri: v.curie(iri) for iri in cases} == cases
    assert all(v.expand(short) == iri for iri, short in cases.items() if short != iri)
    assert v.expand("nope:x") is None and v.expand("plain") is None


def test_errors_carry_the_exit_codes_the_readme_states() -> None:
    assert InputError.exit_code == RemoteError.exit_code == LatticeError.exit_code == EXIT_INPUT == 2
    assert Findings.exit_code == EXIT_FINDINGS == 1
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "exit code 2 for input the tool cannot use" in readme
    assert "exits 1 when a well-formed" in readme


def _code_files() -> list[Path]:
    suffixes = {".py", ".js", ".j2", ".rq", ".ttl"}
    return [f for f in SRC.rglob("*") if f.suffix in suffixes and "core" not in f.relative_to(SRC).parts]


def test_the_iri_base_and_source_ids_are_written_only_in_the_core() -> None:
    p = project(ROOT)
    words = [p.base, *(s.id for s in p.sources)]
    found = [
        f"{f.relative_to(ROOT)}:{n}: {word}"
        for f in _code_files()
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        for word in words
        if word in line
    ]
    assert found == []


def test_no_bare_exit_code_at_a_raise_site() -> None:
    bare = re.compile(
        r"(Error|Problem|Findings)\([^()]*(\([^()]*\)[^()]*)*,\s*(exit_code=)?\d\s*\)|typer\.Exit\(\d\)"
    )
    found = [
        f"{f.relative_to(ROOT)}:{n}"
        for f in SRC.rglob("*.py")
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line) or re.search(r"sys\.exit\(\d\)", line)
    ]
    assert found == []


def test_a_new_iri_base_is_lattice_toml_and_the_prefix_lines(tmp_path: Path) -> None:
    """Moving the graph to another base edits lattice.toml and the Turtle/SPARQL files, no Python."""
    import json
    import os
    import subprocess
    import sys

    from .conftest import SOURCE_TEXT

    copy = tmp_path / "project"
    for folder in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / folder, copy / folder)
    shutil.copy(ROOT / CONFIG, copy / CONFIG)
    for f in [copy / CONFIG, *copy.rglob("*.ttl"), *copy.rglob("*.rq")]:
        text = f.read_text(encoding="utf-8")
        text = text.replace("https://w3id.org/lattice", "https://example.org/kg")
        f.write_text(
            text.replace("https://w3id\\\\.org/lattice", "https://example\\\\.org/kg"), encoding="utf-8"
        )
    env = {**os.environ, "LATTICE_ROOT": str(copy), "LATTICE_SOURCE_TEXT": str(SOURCE_TEXT)}
    env.pop("LATTICE_CACHE", None)

    def lattice(*args: str) -> subprocess.CompletedProcess[str]:
        code = "from lattice_kg.cli import main; main()"
        return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)

    answer = lattice("cq", "run", "cq12", "--mechanism", "mech:quad", "--format", "json")
    assert answer.returncode == 0, answer.stderr
    members = {b["member"]["value"] for b in json.loads(answer.stdout)["results"]["bindings"]}
    assert members == {
        f"https://example.org/kg/id/actor/{a}" for a in ("australia", "india", "japan", "united-states")
    }
    report = lattice("validate", "-c", "shacl", "-c", "qc", "-c", "quotes", "--format", "json")
    assert report.returncode == 0, report.stdout[-2000:] + report.stderr
    anchor = lattice("anchor", "日本实现了战略觉醒")
    assert anchor.returncode == 0, anchor.stderr
    assert "oa:hasSource src:zhao-2024 ;" in anchor.stdout and "lat:section sec:" in anchor.stdout
