// The actor network `lattice network` measures: actors tied by a shared mechanism, agreement or event,
// filtered link by link by domain and year (a tie is drawn when one of its links passes both).
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("network-data").textContent);
  const ui = JSON.parse(document.getElementById("network-ui").textContent);
  const lang = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
  const prefix = document.querySelector("link[rel=stylesheet]").getAttribute("href").replace(/assets\/site\.css$/, "");
  const colours = { State: "#c0392b", InternationalOrganization: "#2e86c1", Region: "#d68910" };
  // a tie is drawn in the style of the first kind of link it has
  const styles = [
    ["membership", { color: "#999999", dashes: false }],
    ["agreement", { color: "#8e44ad", dashes: true }],
    ["event", { color: "#27ae60", dashes: [2, 4] }],
  ];
  const label = (x) => (lang === "zh" ? x.label_zh : x.label_en);
  const labels = (items) => Object.fromEntries(items.map((x) => [x.id, label(x)]));
  const groups = labels(data.groups);
  const domains = labels(data.domains);
  const names = labels(data.nodes);
  const via = (iri) => (data.vias[iri] ? data.vias[iri][lang === "zh" ? 1 : 0] : iri);

  document.querySelectorAll(".legend .dot[data-group]").forEach((dot) => {
    dot.style.background = colours[dot.dataset.group] || "#777777";
  });

  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id,
    label: label(n),
    title: label(n) + " (" + (groups[n.group] || n.group) + ")",
    shape: "dot",
    size: 12,
    color: colours[n.group] || "#777777",
    font: { size: 14, color: "#222222" },
    pages: n.pages,
  })));
  const edges = new vis.DataSet(data.edges.map((e, i) => {
    const style = styles.find(([kind]) => e.kinds.includes(kind))[1];
    const lines = e.links.map((l) => [via(l.via), ui[l.kind], l.year || ui.undated_short,
      l.domains.map((d) => domains[d] || d).join(", ")].join(" · "));
    return {
      id: i,
      from: e.source,
      to: e.target,
      links: e.links,
      value: e.links.length, // thicker for a tie more facts stand behind
      dashes: style.dashes,
      color: { color: style.color },
      title: names[e.source] + " – " + names[e.target] + "\n" + lines.join("\n"),
    };
  }));

  const form = document.getElementById("network-controls");
  const year = document.getElementById("year");
  const yearOut = document.getElementById("year-out");
  const undated = document.getElementById("undated");
  const count = document.getElementById("network-count");
  const checkedDomains = () => Array.from(form.querySelectorAll("input[name=domain]:checked")).map((x) => x.value);
  let chosen = checkedDomains();

  function linkShown(l) {
    if (!l.domains.some((d) => chosen.includes(d))) return false;
    if (l.year === null) return undated.checked;
    return l.year <= Number(year.value);
  }
  const edgeView = new vis.DataView(edges, { filter: (e) => e.links.some(linkShown) });
  const nodeView = new vis.DataView(nodes, {
    filter: (n) => edgeView.get().some((e) => e.from === n.id || e.to === n.id),
  });

  const network = new vis.Network(document.getElementById("network"), { nodes: nodeView, edges: edgeView }, {
    physics: { stabilization: { iterations: 150 }, barnesHut: { springLength: 140 } },
    interaction: { hover: true, tooltipDelay: 100 },
    edges: { scaling: { min: 1, max: 6 } },
    layout: { randomSeed: 7 },
  });
  network.on("doubleClick", (params) => {
    if (params.nodes.length) {
      const node = nodes.get(params.nodes[0]);
      if (node.pages) window.location.href = prefix + node.pages[lang];
    }
  });

  function refresh() {
    chosen = checkedDomains();
    yearOut.textContent = year.value;
    edgeView.refresh();
    nodeView.refresh();
    count.textContent = ui.counts.replace("{nodes}", nodeView.length).replace("{edges}", edgeView.length);
    document.getElementById("network").dataset.nodes = String(nodeView.length);
  }
  form.addEventListener("input", refresh);
  refresh();
})();
