"""What `GET /sparql` without a query answers: a query page for people, a service description for machines."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CannedQuery:
    """A competency question ready to run: its id, its title in both languages and its SPARQL."""

    id: str
    title: str
    title_zh: str
    sparql: str


SERVICE_DESCRIPTION = """\
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .

<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV,
        formats:SPARQL_Results_TSV, formats:Turtle, formats:JSON-LD, formats:N-Triples ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lattice SPARQL endpoint</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 70rem; padding: 0 1rem; }}
textarea {{ width: 100%; font-family: ui-monospace, monospace; font-size: .9rem; }}
table {{ border-collapse: collapse; margin-top: 1rem; font-size: .9rem; }}
td, th {{ border: 1px solid #ccc; padding: .2rem .4rem; text-align: left; vertical-align: top; }}
#status {{ margin-left: 1rem; }}
</style>
</head>
<body>
<h1>Lattice SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 queries over the graph, at <code>{endpoint}</code>: GET <code>?query=</code>, or POST
a form or <code>application/sparql-query</code>. Queries stop after {timeout:g} s; at most {max_rows} rows are
returned (the header <code>X-SPARQL-MaxRows</code> says when rows were cut off).</p>
<form id="form" method="get" action="{endpoint}">
<p><label>Competency question
<select id="canned"><option value="">(write your own query)</option>{options}</select></label></p>
<p><textarea id="query" name="query" rows="16" spellcheck="false">{initial}</textarea></p>
<p><label>Results as <select name="format" id="format">
<option value="json">JSON</option><option value="xml">XML</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="turtle">Turtle (CONSTRUCT)</option>
<option value="jsonld">JSON-LD (CONSTRUCT)</option><option value="ntriples">N-Triples (CONSTRUCT)</option>
</select></label> <button type="submit">Run</button>
<button type="button" id="table">Run as a table</button><span id="status"></span></p>
</form>
<div id="results"></div>
<script type="application/json" id="questions">{questions}</script>
<script>
const questions = JSON.parse(document.getElementById("questions").textContent);
const canned = document.getElementById("canned"), query = document.getElementById("query");
canned.addEventListener("change", () => {{
  const q = questions.find(q => q.id === canned.value); if (q) query.value = q.sparql;
}});
document.getElementById("table").addEventListener("click", async () => {{
  const status = document.getElementById("status"), out = document.getElementById("results");
  status.textContent = "running…"; out.textContent = "";
  const started = performance.now();
  const response = await fetch("{endpoint}", {{method: "POST",
    headers: {{"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}},
    body: query.value}});
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (!response.ok) {{ status.textContent = response.status + ": " + await response.text(); return; }}
  const doc = await response.json();
  if ("boolean" in doc) {{ status.textContent = "ASK: " + doc.boolean + " (" + seconds + " s)"; return; }}
  const vars = doc.head.vars, table = document.createElement("table"), head = table.insertRow();
  for (const v of vars) {{
    const th = document.createElement("th"); th.textContent = v; head.appendChild(th);
  }}
  for (const row of doc.results.bindings) {{
    const tr = table.insertRow();
    for (const v of vars) {{
      const cell = tr.insertCell(), term = row[v]; if (!term) continue;
      if (term.type === "uri") {{
        const a = document.createElement("a"); a.href = term.value; a.textContent = term.value;
        cell.appendChild(a);
      }} else cell.textContent = term.value + (term["xml:lang"] ? "@" + term["xml:lang"] : "");
    }}
  }}
  const cut = response.headers.get("X-SPARQL-MaxRows") ? " (cut off at the row limit)" : "";
  status.textContent = doc.results.bindings.length + " rows in " + seconds + " s" + cut;
  out.appendChild(table);
}});
</script>
</body>
</html>
"""


def page(endpoint: str, questions: Sequence[CannedQuery], *, timeout: float, max_rows: int) -> str:
    """The query page: a form for ad-hoc SPARQL and a menu of the competency questions."""
    options = "".join(
        f'<option value="{html.escape(q.id)}">{html.escape(q.id)}: {html.escape(q.title)}</option>'
        for q in questions
    )
    data = json.dumps([q.__dict__ for q in questions], ensure_ascii=False).replace("</", "<\\/")
    initial = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
    return _PAGE.format(
        endpoint=html.escape(endpoint),
        timeout=timeout,
        max_rows=max_rows,
        options=options,
        questions=data,
        initial=html.escape(initial),
    )
