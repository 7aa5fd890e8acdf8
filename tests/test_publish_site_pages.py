"""What the site's own pages show (`publish/site_pages.py`): the query page offers every competency
question with its defaults bound. The network and timeline pages' data: test_publish_views.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT
from .published import ID


@pytest.fixture
def site(published_site: Path) -> Path:
    """The session's site (published with --base-url HOST), under the name these tests use."""
    return published_site


def test_the_query_page_offers_every_question_with_defaults_bound(site: Path) -> None:
    html = (site / "query.html").read_text(encoding="utf-8")
    questions = json.loads(
        re.search(r'<script type="application/json" id="questions">(.*?)</script>', html, re.S)[1]
    )
    assert [q["id"] for q in questions] == sorted(
        p.name.split("-")[0] for p in (ROOT / "queries").glob("cq*.rq")
    )
    cq01 = next(q for q in questions if q["id"] == "cq01")
    assert f"<{ID}actor/japan>" in cq01["query"]  # its default parameter, bound
