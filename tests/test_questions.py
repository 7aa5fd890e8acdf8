"""Question headers: parsed once with PyYAML, then read from the cache until the header changes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lattice_kg.core.errors import LatticeError
from lattice_kg.questions import parse

QUERY = "#+ summary: {summary}\n#+ question_zh: 问题\n#+ tags: [x]\nSELECT ?x WHERE {{ ?x ?p ?o }}\n"


@pytest.fixture
def question(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LATTICE_CACHE", str(tmp_path / "cache"))
    (tmp_path / "queries").mkdir()
    path = tmp_path / "queries" / "cq99-x.rq"
    path.write_text(QUERY.format(summary="First"), encoding="utf-8")
    return path


def test_a_header_read_once_needs_no_yaml_again(question: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse(question).summary == "First"
    assert (question.parents[1] / "cache" / "headers.json").is_file()
    monkeypatch.setitem(sys.modules, "yaml", None)  # `import yaml` would now fail
    assert parse(question).summary == "First"
    question.write_text(QUERY.format(summary="Second"), encoding="utf-8")
    with pytest.raises(ImportError):
        parse(question)  # an edited header is parsed again, not taken from the cache
    monkeypatch.undo()
    monkeypatch.setenv("LATTICE_CACHE", str(question.parents[1] / "cache"))
    assert parse(question).summary == "Second"


def test_a_broken_header_is_reported_every_time(question: Path) -> None:
    question.write_text("#+ summary: [unclosed\n#+ question_zh: 问题\nSELECT * WHERE { ?s ?p ?o }\n")
    for _ in range(2):
        with pytest.raises(LatticeError) as raised:
            parse(question, "queries/cq99-x.rq")
        assert str(raised.value).startswith("queries/cq99-x.rq:2: header is not valid YAML: ")
