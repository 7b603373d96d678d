// The query page: runs the query with fetch, shows a table (SELECT/ASK) or Turtle
// (CONSTRUCT/DESCRIBE), and offers download links in every format. No external code.
"use strict";
(function () {
  const endpoint = document.body.dataset.endpoint;
  const examples = JSON.parse(document.getElementById("example-data").textContent);
  const select = document.getElementById("examples");
  const notes = document.getElementById("example-notes");
  const editor = document.getElementById("query");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const downloads = document.getElementById("downloads");
  const links = document.getElementById("download-links");
  const RESULT_FORMATS = ["json", "xml", "csv", "tsv"];
  const GRAPH_FORMATS = ["ttl", "nt", "jsonld", "rdf", "trig", "nq"];

  examples.forEach(function (ex, i) {
    const option = document.createElement("option");
    option.value = String(i);
    option.textContent = ex["title-zh"] ? ex.title + " · " + ex["title-zh"] : ex.title;
    select.appendChild(option);
  });
  select.addEventListener("change", function () {
    const ex = examples[Number(select.value)];
    if (!ex) { return; }
    editor.value = ex.text;
    notes.textContent = [ex.description, ex.parameters && "Parameters: " + ex.parameters,
      ex.example && "Example: " + ex.example].filter(Boolean).join(" · ");
  });

  function url(query, format) {
    return endpoint + "?query=" + encodeURIComponent(query) + (format ? "&format=" + format : "");
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) { return td; }
    td.textContent = term.type === "triple" ? "<< … >>" : term.value;
    const note = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype ? "^^" + term.datatype.replace(/^.*[#\/]/, "xsd:") : "";
    if (note) {
      const span = document.createElement("span");
      span.className = term["xml:lang"] ? "lang" : "dt";
      span.textContent = " " + note;
      td.appendChild(span);
    }
    return td;
  }

  function showTable(data) {
    const table = document.createElement("table");
    if (typeof data.boolean === "boolean") {
      table.innerHTML = "<tr><th>ASK</th></tr>";
      const row = table.insertRow();
      row.insertCell().textContent = String(data.boolean);
      return table;
    }
    const head = table.createTHead().insertRow();
    data.head.vars.forEach(function (v) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    const body = table.createTBody();
    data.results.bindings.forEach(function (b) {
      const row = body.insertRow();
      data.head.vars.forEach(function (v) { row.appendChild(cell(b[v])); });
    });
    status.textContent = data.results.bindings.length + " rows";
    return table;
  }

  function showLinks(query, isGraph) {
    links.textContent = "";
    (isGraph ? GRAPH_FORMATS : RESULT_FORMATS).forEach(function (f) {
      const a = document.createElement("a");
      a.href = url(query, f);
      a.textContent = f;
      a.setAttribute("download", "result." + f);
      links.appendChild(a);
    });
    downloads.hidden = false;
  }

  document.getElementById("query-form").addEventListener("submit", function (event) {
    event.preventDefault();
    const query = editor.value;
    status.className = "";
    status.textContent = "running…";
    results.textContent = "";
    downloads.hidden = true;
    const started = performance.now();
    fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: "query=" + encodeURIComponent(query)
    }).then(function (response) {
      return response.text().then(function (text) { return { response: response, text: text }; });
    }).then(function (r) {
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!r.response.ok) {
        status.className = "error";
        status.textContent = r.response.status + ": " + r.text;
        return;
      }
      const type = r.response.headers.get("content-type") || "";
      if (type.indexOf("json") >= 0) {
        results.appendChild(showTable(JSON.parse(r.text)));
        showLinks(query, false);
      } else {
        const pre = document.createElement("pre");
        pre.className = "graph";
        pre.textContent = r.text;
        results.appendChild(pre);
        status.textContent = "graph";
        showLinks(query, true);
      }
      status.textContent += " · " + seconds + " s";
    }).catch(function (error) {
      status.className = "error";
      status.textContent = String(error);
    });
  });
})();
