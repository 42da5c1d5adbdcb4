// The query page: YASGUI on this server's /sparql, with the named queries as ready examples.
// Data comes from the JSON block #kg-queries; nothing here fetches anything but /sparql.
(function () {
  "use strict";
  const queries = JSON.parse(document.getElementById("kg-queries").textContent);
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: "/sparql", method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: "/sparql" }] },
    persistenceId: null,
    yasqe: { autocompleters: ["prefixes", "variables"], value: queries.length ? queries[0].text : "" },
  });
  window.kgYasgui = yasgui;
  const pick = document.getElementById("kg-example");
  function load(run) {
    const chosen = queries.find((q) => q.name === pick.value);
    if (!chosen) return;
    const tab = yasgui.getTab();
    tab.setQuery(chosen.text);
    document.getElementById("kg-example-about").textContent = chosen.description;
    if (run) tab.query();
  }
  pick.addEventListener("change", () => load(false));
  document.getElementById("kg-run").addEventListener("click", () => load(true));
  yasgui.getTab().getYasr();
  document.body.dataset.ready = "1";
})();
