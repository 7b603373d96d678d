// The query page: runs the query with fetch, shows a table (SELECT/ASK) or Turtle
// (CONSTRUCT/DESCRIBE), and offers download links in every format. No external code.
// A large result is shown a page of PAGE_ROWS rows at a time (the whole result stays in
// memory and in the downloads), and the time shown is what the user waited: from pressing
// Run until the first page is on screen, with the server's share beside it.
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
  const PAGE_ROWS = 100;
  const number = new Intl.NumberFormat("en-US");

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

  function pager(data, table, body, first) {
    const rows = data.results.bindings;
    const nav = document.createElement("nav");
    nav.className = "pager";
    nav.setAttribute("aria-label", "result pages");
    const prev = document.createElement("button");
    prev.type = "button"; prev.textContent = "‹ previous · 上一页"; prev.dataset.page = "prev";
    const next = document.createElement("button");
    next.type = "button"; next.textContent = "next · 下一页 ›"; next.dataset.page = "next";
    const where = document.createElement("span");
    where.className = "where";
    function show(start) {
      body.textContent = "";
      rows.slice(start, start + PAGE_ROWS).forEach(function (b) {
        const row = body.insertRow();
        data.head.vars.forEach(function (v) { row.appendChild(cell(b[v])); });
      });
      const end = Math.min(start + PAGE_ROWS, rows.length);
      where.textContent = rows.length ? "rows " + number.format(start + 1) + "–" + number.format(end) +
        " of " + number.format(rows.length) : "no rows";
      prev.disabled = start === 0;
      next.disabled = end >= rows.length;
      prev.onclick = function () { show(Math.max(0, start - PAGE_ROWS)); };
      next.onclick = function () { show(start + PAGE_ROWS); };
    }
    nav.append(prev, where, next);
    show(first);
    nav.hidden = rows.length <= PAGE_ROWS;
    return nav;
  }

  function showTable(data) {
    const box = document.createElement("div");
    const table = document.createElement("table");
    box.appendChild(table);
    if (typeof data.boolean === "boolean") {
      table.innerHTML = "<tr><th>ASK</th></tr>";
      const row = table.insertRow();
      row.insertCell().textContent = String(data.boolean);
      status.textContent = "ASK";
      return box;
    }
    const head = table.createTHead().insertRow();
    data.head.vars.forEach(function (v) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    const body = table.createTBody();
    box.insertBefore(pager(data, table, body, 0), table);
    const count = data.results.bindings.length;
    status.textContent = number.format(count) + (count === 1 ? " row" : " rows");
    return box;
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
      const server = ((performance.now() - started) / 1000).toFixed(2);
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
      // the time the user waited: until the browser has painted the first page of the result
      const shown = status.textContent;
      requestAnimationFrame(function () {
        setTimeout(function () {
          const waited = ((performance.now() - started) / 1000).toFixed(2);
          status.textContent = shown + " · " + waited + " s (answer received after " + server + " s)";
          status.dataset.waited = waited;
        }, 0);
      });
    }).catch(function (error) {
      status.className = "error";
      status.textContent = String(error);
    });
  });
})();
