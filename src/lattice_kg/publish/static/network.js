// The lattice as a network: actors and mechanisms, memberships and agreements, filtered by domain and year.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("network-data").textContent);
  const ui = JSON.parse(document.getElementById("network-ui").textContent);
  const lang = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
  const prefix = document.querySelector("link[rel=stylesheet]").getAttribute("href").replace(/assets\/site\.css$/, "");
  const colours = { state: "#c0392b", organisation: "#2e86c1", mechanism: "#7d8c2e" };

  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id,
    label: lang === "zh" ? n.label_zh : n.label_en,
    title: (lang === "zh" ? n.label_zh : n.label_en) + " (" + ui[n.group] + ")",
    group: n.group,
    shape: n.group === "mechanism" ? "square" : "dot",
    size: n.group === "mechanism" ? 7 : 12,
    color: colours[n.group],
    font: n.group === "mechanism" ? { size: 10, color: "#55602a" } : { size: 14, color: "#222222" },
    path: n.path,
  })));
  const edges = new vis.DataSet(data.edges.map((e, i) => ({
    id: i,
    from: e.source,
    to: e.target,
    kind: e.kind,
    year: e.year,
    domains: e.domains,
    dashes: e.kind === "agreement",
    color: { color: e.kind === "agreement" ? "#8e44ad" : "#999999" },
    title: ui[e.kind] + (e.year ? " · " + e.year : " · " + ui.undated_short) + " · " +
      e.domains.map((d) => ui.domain_names[d]).join(", "),
  })));

  const form = document.getElementById("network-controls");
  const year = document.getElementById("year");
  const yearOut = document.getElementById("year-out");
  const undated = document.getElementById("undated");
  const count = document.getElementById("network-count");

  function edgeShown(e) {
    const domains = Array.from(form.querySelectorAll("input[name=domain]:checked")).map((x) => x.value);
    if (!e.domains.some((d) => domains.includes(d))) return false;
    if (e.year === null) return undated.checked;
    return e.year <= Number(year.value);
  }
  const edgeView = new vis.DataView(edges, { filter: edgeShown });
  const nodeView = new vis.DataView(nodes, {
    filter: (n) => edgeView.get().some((e) => e.from === n.id || e.to === n.id),
  });

  const network = new vis.Network(document.getElementById("network"), { nodes: nodeView, edges: edgeView }, {
    physics: { stabilization: { iterations: 150 }, barnesHut: { springLength: 120 } },
    interaction: { hover: true, tooltipDelay: 100 },
    layout: { randomSeed: 7 },
  });
  network.on("doubleClick", (params) => {
    if (params.nodes.length) {
      const node = nodes.get(params.nodes[0]);
      window.location.href = prefix + "page/" + node.path + (lang === "zh" ? ".zh.html" : ".html");
    }
  });

  function refresh() {
    yearOut.textContent = year.value;
    edgeView.refresh();
    nodeView.refresh();
    count.textContent = ui.counts.replace("{nodes}", nodeView.length).replace("{edges}", edgeView.length);
    document.getElementById("network").dataset.nodes = String(nodeView.length);
  }
  form.addEventListener("input", refresh);
  refresh();
})();
