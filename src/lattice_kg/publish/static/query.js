// Runs a competency question or ad-hoc SPARQL against the site's endpoint and shows the rows.
(function () {
  "use strict";
  const questions = JSON.parse(document.getElementById("questions").textContent);
  const ui = JSON.parse(document.getElementById("query-ui").textContent);
  const form = document.getElementById("query-form");
  const select = document.getElementById("question");
  const text = document.getElementById("sparql");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const endpoint = new URL(form.dataset.endpoint, window.location.href);
  // this site's own pages for the graph's IRIs, so a result opens here and not at the IRI base
  const idBase = form.dataset.idBase;
  const thingPage = form.dataset.page; // the page of id/{path} in this page's language

  select.addEventListener("change", () => {
    const q = questions.find((x) => x.id === select.value);
    if (q) text.value = q.query;
  });

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      const local = term.value.startsWith(idBase);
      a.href = local ? thingPage.replace("{path}", term.value.slice(idBase.length)) : term.value;
      a.textContent = local ? term.value.slice(idBase.length) : term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.lang = term["xml:lang"];
    }
    return td;
  }

  function show(doc) {
    results.replaceChildren();
    if (typeof doc.boolean === "boolean") {
      results.textContent = String(doc.boolean);
      return;
    }
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    for (const v of doc.head.vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of doc.results.bindings) {
      const row = body.insertRow();
      for (const v of doc.head.vars) row.appendChild(cell(binding[v]));
    }
    results.appendChild(table);
    status.textContent = ui.rows.replace("{n}", doc.results.bindings.length);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = ui.running;
    results.replaceChildren();
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json" },
        body: new URLSearchParams({ query: text.value }),
      });
      if (!response.ok) {
        status.textContent = ui.failed + " (HTTP " + response.status + "): " + (await response.text()).slice(0, 300);
        return;
      }
      show(await response.json());
    } catch (error) {
      status.textContent = ui.unreachable.replace("{url}", endpoint.href);
    }
  });
})();
