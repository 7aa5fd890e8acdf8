"""End to end in headless Chromium: `lattice serve` (which publishes the site) on 127.0.0.1, and the pages
a reader opens: home, an actor in both languages, the network, the analysis and the query page.

Chromium is Debian's (`.ci/run` installs it); Playwright drives it through `executable_path`, so no
browser is downloaded. Without Chromium the tests are skipped, unless LATTICE_REQUIRE_BROWSER=1 (CI).
Screenshots go to test-artifacts/screenshots/ (or $LATTICE_ARTIFACTS).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, SOURCE_TEXT
from .loopback import free_port

CHROMIUM = os.environ.get("LATTICE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(os.environ.get("LATTICE_ARTIFACTS") or ROOT / "test-artifacts") / "screenshots"
# the flags a sandboxed, offline machine needs (no background requests to the outside)
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip

if not CHROMIUM:
    if os.environ.get("LATTICE_REQUIRE_BROWSER") == "1":
        pytest.fail("LATTICE_REQUIRE_BROWSER=1 but no chromium on PATH", pytrace=False)
    pytest.skip("no chromium on PATH (CI installs Debian's; set LATTICE_CHROMIUM to use another)",
                allow_module_level=True)  # fmt: skip
playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`lattice serve` as a user starts it: no --site, so it publishes into its cache first."""
    cache = tmp_path_factory.mktemp("browser-cache")
    port = free_port()
    env = {**os.environ, "LATTICE_ROOT": str(ROOT), "LATTICE_CACHE": str(cache),
           "LATTICE_SOURCE_TEXT": str(SOURCE_TEXT)}  # fmt: skip
    log = (cache / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "lattice_kg.cli", "serve", "--port", str(port)],
        stdout=log,
        stderr=log,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(url + "/index.html", timeout=2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"lattice serve did not start: {(cache / 'serve.log').read_text()}")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")  # type: ignore[attr-defined]
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.errors = errors
    try:
        yield tab
    finally:
        context.close()
    assert errors == [], errors  # no script on any page threw


def shot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)  # type: ignore[attr-defined]
    assert path.stat().st_size > 10_000  # a rendered page, not a blank one
    return path


def test_home_page(page: object, server: str) -> None:
    page.goto(server + "/")  # type: ignore[attr-defined]
    assert page.title().startswith("Lattice: Japan in the U.S. Indo-Pacific network")  # type: ignore[attr-defined]
    assert page.locator("details summary").count() >= 10  # type: ignore[attr-defined]
    shot(page, "home")


def test_an_actor_page_in_both_languages(page: object, server: str, browser: object) -> None:
    response = page.goto(server + "/id/actor/japan")  # type: ignore[attr-defined]
    assert response.ok and response.url == server + "/page/actor/japan.html"  # followed the 303
    assert page.locator("h1").inner_text() == "Japan"  # type: ignore[attr-defined]
    assert page.locator("section.referenced li").count() > 50  # type: ignore[attr-defined]
    shot(page, "actor-japan-en")
    page.click("header .lang")  # type: ignore[attr-defined]
    page.wait_for_url("**/page/actor/japan.zh.html")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "日本"  # type: ignore[attr-defined]
    assert page.locator("html").get_attribute("lang") == "zh-Hans"  # type: ignore[attr-defined]
    shot(page, "actor-japan-zh")
    chinese = browser.new_context(locale="zh-CN")  # type: ignore[attr-defined]
    try:
        reader = chinese.new_page()
        assert reader.goto(server + "/id/actor/japan").url == server + "/page/actor/japan.zh.html"
    finally:
        chinese.close()


def test_the_network_page_draws_the_network_and_filters_it(page: object, server: str) -> None:
    page.goto(server + "/network.html")  # type: ignore[attr-defined]
    page.wait_for_selector("#network canvas")  # type: ignore[attr-defined]
    page.wait_for_function("Number(document.getElementById('network').dataset.nodes) > 0")  # type: ignore[attr-defined]
    data = json.loads(page.text_content("#network-data"))  # type: ignore[attr-defined]
    shown = int(page.get_attribute("#network", "data-nodes"))  # type: ignore[attr-defined]
    assert shown == len(data["nodes"]) > 15  # every actor of `lattice network`, nothing filtered yet
    page.wait_for_timeout(2500)  # let the layout settle before the picture  # type: ignore[attr-defined]
    shot(page, "network")
    page.uncheck("#undated")  # type: ignore[attr-defined]
    page.fill("#year", "2021")  # type: ignore[attr-defined]
    page.dispatch_event("#year", "input")  # type: ignore[attr-defined]
    early = int(page.get_attribute("#network", "data-nodes"))  # type: ignore[attr-defined]
    tied_by_2021 = {
        end
        for e in data["edges"]
        if any(link["year"] is not None and link["year"] <= 2021 for link in e["links"])
        for end in (e["source"], e["target"])
    }
    assert 0 < early == len(tied_by_2021) < shown  # fewer actors are tied by 2021
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]
    shot(page, "network-2021")
    page.check("#undated")  # type: ignore[attr-defined]
    page.fill("#year", str(data["years"][-1]))  # type: ignore[attr-defined]
    page.dispatch_event("#year", "input")  # type: ignore[attr-defined]
    security = "https://w3id.org/lattice/id/domain/geo-security"
    for domain in data["domains"]:
        if domain["id"] != security:
            page.uncheck(f'input[name=domain][value="{domain["id"]}"]')  # type: ignore[attr-defined]
    in_security = {
        end
        for e in data["edges"]
        if any(security in link["domains"] for link in e["links"])
        for end in (e["source"], e["target"])
    }
    assert int(page.get_attribute("#network", "data-nodes")) == len(in_security) < shown  # type: ignore[attr-defined]


def test_the_analysis_page_shows_its_figures(page: object, server: str) -> None:
    page.goto(server + "/analysis.zh.html")  # type: ignore[attr-defined]
    widths = page.eval_on_selector_all("figure img", "imgs => imgs.map(i => i.naturalWidth)")  # type: ignore[attr-defined]
    assert len(widths) == 3 and all(w > 300 for w in widths)
    shot(page, "analysis-zh")


def test_a_competency_question_returns_rows_on_the_query_page(page: object, server: str) -> None:
    page.goto(server + "/query.html")  # type: ignore[attr-defined]
    page.select_option("#question", "cq12")  # type: ignore[attr-defined]
    assert "hasMember" in page.input_value("#sparql")  # type: ignore[attr-defined]
    page.click("#run")  # type: ignore[attr-defined]
    page.wait_for_selector("table.results tbody tr")  # type: ignore[attr-defined]
    rows = page.locator("table.results tbody tr").count()  # type: ignore[attr-defined]
    assert rows == 4  # the Quad's members: Australia, India, Japan, the United States
    assert page.inner_text("#status") == "4 rows"  # type: ignore[attr-defined]
    shot(page, "query-cq12")
    page.click("table.results a >> text=actor/japan")  # type: ignore[attr-defined]
    page.wait_for_url("**/page/actor/japan.html")  # type: ignore[attr-defined]
