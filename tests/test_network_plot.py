"""The network figures: PNG and SVG in both languages, drawn with the pip-installed CJK font, no tofu."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from lattice_kg.cli import app
from lattice_kg.network.plot import TEXT, cjk_font_path, font_family, write_figures
from lattice_kg.network.report import NetworkReport, compute

from .conftest import ROOT

matplotlib.use("Agg")
runner = CliRunner()
FIXTURE = ROOT / "tests" / "fixtures" / "network" / "small.ttl"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def report() -> NetworkReport:
    store = ox.Store()
    store.load(FIXTURE.read_bytes(), format=ox.RdfFormat.TURTLE)
    return compute(store)


def missing_glyphs(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_the_cjk_font_comes_from_the_installed_package() -> None:
    path = cjk_font_path()
    assert path.is_file() and path.suffix == ".otf"
    assert font_family() == "Noto Sans CJK SC"
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(path))
    text = "盟伴体系网格辐辏" + "".join(TEXT["zh"].values())
    assert [ch for ch in set(text) if not ch.isspace() and font.get_char_index(ord(ch)) == 0] == []


def test_the_warning_check_would_catch_missing_glyphs() -> None:
    """Without the CJK font matplotlib warns: the absence of that warning below means something."""
    import matplotlib.pyplot as plt

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with plt.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
            fig, ax = plt.subplots()
            ax.set_title("盟伴体系")
            fig.canvas.draw()
            plt.close(fig)
    assert missing_glyphs(caught)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_figures_are_written_without_missing_glyphs(report: NetworkReport, tmp_path: Path, lang: str) -> None:
    assert "盟伴体系" in TEXT["zh"]["lattice_title"] and "辐辏" in TEXT["zh"]["lattice_title"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = write_figures(report, tmp_path / "figures", lang)
    assert missing_glyphs(caught) == []
    names = sorted(p.name for p in written)
    assert names == sorted(
        f"{n}-{lang}.{ext}" for n in ("lattice-index", "centrality", "network") for ext in ("png", "svg")
    )
    for path in written:
        assert path.stat().st_size > 5000, path
        if path.suffix == ".png":
            assert path.read_bytes()[:8] == PNG
        else:
            assert ET.parse(path).getroot().tag.endswith("svg")


def test_the_command_writes_the_figures_of_the_article_graph(tmp_path: Path) -> None:
    result = runner.invoke(app, ["network", "--table", "yearly", "--plot", str(tmp_path), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "wrote 6 figures to" in result.output
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".png"] * 3 + [".svg"] * 3
