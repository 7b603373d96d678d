// The query page: named queries with their parameter forms, running a query with fetch, the
// results as a table that sorts and filters (IRIs by label, element IRIs linked to their
// pages), a bar chart for a label and a number column, downloads in every format the endpoint
// offers, a link that reproduces the query (#query=… on the page URL) and the last queries
// kept in this browser. No external code; the editor is query-editor.js.
// A large result is shown a page of PAGE_ROWS rows at a time (the whole result stays in
// memory and in the downloads), and the time shown is what the user waited: from pressing
// Run until the first page is on screen, with the server's share beside it.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("editor-data").textContent);
  const examples = JSON.parse(document.getElementById("example-data").textContent);
  const endpoint = data.endpoint;
  const $ = function (id) { return document.getElementById(id); };
  const select = $("examples"), notes = $("example-notes"), status = $("status"), results = $("results");
  const downloads = $("downloads"), links = $("download-links"), permalink = $("permalink");
  const RESULT_FORMATS = [["csv", "CSV"], ["tsv", "TSV"], ["json", "JSON"], ["xml", "XML"]];
  const ASK_FORMATS = [["json", "JSON"], ["xml", "XML"]];
  const GRAPH_FORMATS = [["ttl", "Turtle"], ["jsonld", "JSON-LD"], ["nt", "N-Triples"], ["rdf", "RDF/XML"],
    ["trig", "TriG"], ["nq", "N-Quads"]];
  const NUMERIC = /#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsignedInt|unsignedLong)$/;
  const PAGE_ROWS = 100, HISTORY_KEY = "procgraph-sparql-history", HISTORY_SIZE = 20, CHART_BARS = 40;
  const number = new Intl.NumberFormat(data.lang === "en" ? "en-US" : data.lang);
  const elementsByIri = new Map(data.elements.map(function (e) { return [e.iri, e]; }));
  const termsByIri = new Map(data.terms.map(function (t) { return [t.iri, t]; }));

  // An interface string in the page language with its {fields} filled.
  function say(key, values) {
    return (data.messages[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

  const editor = ProcgraphEditor.attach({
    textarea: $("query"), pre: $("highlight"), list: $("completions"), callout: $("error-callout"),
    data: data, say: say, onRun: function () { $("query-form").requestSubmit(); },
  });

  // --- named queries and their parameters -----------------------------------------------

  function parameterField(p) {
    const label = document.createElement("label");
    label.htmlFor = "param-" + p.name;
    label.textContent = "?" + p.name + " (" + say("sparql.type." + p.type) + ")";
    let input;
    if (p.type === "boolean") {
      input = document.createElement("select");
      ["true", "false"].forEach(function (v) { input.add(new Option(v, v, false, v === p.default)); });
    } else {
      input = document.createElement("input");
      input.type = p.type === "integer" ? "number" : "text";
      input.value = p.default;
    }
    input.id = "param-" + p.name;
    input.name = p.name;
    const row = document.createElement("div");
    row.className = "param";
    row.append(label, input);
    return row;
  }

  function chooseExample(name) {
    const example = examples.find(function (e) { return e.name === name; });
    const form = $("params-form"), fields = $("param-fields");
    fields.textContent = "";
    if (!example) { form.hidden = true; notes.textContent = ""; return; }
    editor.set(example.text);
    notes.textContent = example["shown-description"];
    const parameters = example["parameters-list"];
    parameters.forEach(function (p) { fields.appendChild(parameterField(p)); });
    form.hidden = parameters.length === 0;
    updatePermalink();
  }

  select.addEventListener("change", function () { chooseExample(select.value); });

  // The named query's text with the form's values bound (by the server, as the API binds them).
  $("params-form").addEventListener("submit", function (event) {
    event.preventDefault();
    const values = new URLSearchParams(new FormData($("params-form")));
    status.className = "";
    status.textContent = say("sparql.binding");
    fetch("/api/queries/" + encodeURIComponent(select.value) + "/text?" + values.toString()).then(function (r) {
      return r.text().then(function (text) { return { ok: r.ok, status: r.status, text: text }; });
    }).then(function (r) {
      if (!r.ok) { showFailure(r.status, r.text); return; }
      editor.set(r.text);
      run(r.text);
    }).catch(function (error) { showFailure("", String(error)); });
  });

  // --- terms as the table shows them ----------------------------------------------------

  function compact(iri) {
    for (const name of Object.keys(data.prefixes)) {
      const ns = data.prefixes[name];
      if (iri.startsWith(ns) && /^\w[\w-]*$/.test(iri.slice(ns.length))) { return name + ":" + iri.slice(ns.length); }
    }
    return iri;
  }

  function pageOf(iri) {
    for (const base of Object.keys(data.pages)) {
      if (iri.startsWith(base)) { return data.pages[base] + iri.slice(base.length); }
    }
    return null;
  }

  // What a cell shows for a term (the text sorted and filtered on).
  function shownText(term) {
    if (!term) { return ""; }
    if (term.type === "uri") {
      const element = elementsByIri.get(term.value);
      if (element) { return element.hid + " " + element.name; }
      const known = termsByIri.get(term.value);
      return known && known.label ? known.label + " (" + known.name + ")" : compact(term.value);
    }
    if (term.type === "bnode") { return "_:" + term.value; }
    if (term.type === "triple") { return "<< … >>"; }
    return term.value;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      const target = pageOf(term.value);
      const label = document.createElement(target ? "a" : "span");
      if (target) { label.href = target; }
      label.title = term.value;
      label.className = "iri";
      label.textContent = shownText(term);
      td.appendChild(label);
      return td;
    }
    td.textContent = shownText(term);
    if (isNumber(term) || /#boolean$/.test(term.datatype || "")) {  // the type is plain to see: on hover only
      td.title = compact(term.datatype);
      td.className = isNumber(term) ? "number" : "";
      return td;
    }
    const note = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype ? "^^" + compact(term.datatype) : "";
    if (note) {
      const span = document.createElement("span");
      span.className = term["xml:lang"] ? "lang" : "dt";
      span.textContent = " " + note;
      td.appendChild(span);
    }
    return td;
  }

  function isNumber(term) { return !!term && term.type === "literal" && NUMERIC.test(term.datatype || ""); }

  // --- the results table ----------------------------------------------------------------

  // Sort and filter state of one SELECT result, and the rows it shows.
  function view(table) {
    const words = table.filter.trim().toLowerCase();
    let rows = table.rows;
    if (words) {
      rows = rows.filter(function (b) {
        return table.vars.some(function (v) {
          const term = b[v];
          return term && (shownText(term) + " " + term.value).toLowerCase().includes(words);
        });
      });
    }
    if (table.sortBy) {
      const v = table.sortBy, sign = table.descending ? -1 : 1;
      rows = rows.slice().sort(function (a, b) {
        if (isNumber(a[v]) && isNumber(b[v])) { return sign * (Number(a[v].value) - Number(b[v].value)); }
        return sign * shownText(a[v]).localeCompare(shownText(b[v]), data.lang, { numeric: true });
      });
    }
    return rows;
  }

  function pager(table, body) {
    const nav = document.createElement("nav");
    nav.className = "pager";
    nav.setAttribute("aria-label", say("sparql.pages"));
    const prev = document.createElement("button");
    prev.type = "button"; prev.textContent = say("sparql.prev"); prev.dataset.page = "prev";
    const next = document.createElement("button");
    next.type = "button"; next.textContent = say("sparql.next"); next.dataset.page = "next";
    const where = document.createElement("span");
    where.className = "where";
    function show(start) {
      const rows = view(table);
      body.textContent = "";
      rows.slice(start, start + PAGE_ROWS).forEach(function (b) {
        const row = body.insertRow();
        table.vars.forEach(function (v) { row.appendChild(cell(b[v])); });
      });
      const end = Math.min(start + PAGE_ROWS, rows.length);
      where.textContent = (rows.length ? say("sparql.where", { first: number.format(start + 1), last: number.format(end),
        n: number.format(rows.length) }) : say("sparql.no_rows")) +
        (rows.length !== table.rows.length ? " " + say("sparql.filtered", { n: number.format(table.rows.length) }) : "");
      prev.disabled = start === 0;
      next.disabled = end >= rows.length;
      prev.onclick = function () { show(Math.max(0, start - PAGE_ROWS)); };
      next.onclick = function () { show(start + PAGE_ROWS); };
      nav.hidden = rows.length <= PAGE_ROWS && rows.length === table.rows.length;
    }
    nav.append(prev, where, next);
    return { nav: nav, show: show };
  }

  function heading(table, v, redraw) {
    const th = document.createElement("th");
    th.scope = "col";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = v;
    button.addEventListener("click", function () {
      table.descending = table.sortBy === v ? !table.descending : false;
      table.sortBy = v;
      th.parentNode.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", table.descending ? "descending" : "ascending");
      redraw();
    });
    th.appendChild(button);
    return th;
  }

  function filterBox(table, redraw) {
    const label = document.createElement("label");
    label.className = "filter";
    label.textContent = say("sparql.filter") + " ";
    const input = document.createElement("input");
    input.type = "search";
    input.id = "result-filter";
    input.addEventListener("input", function () { table.filter = input.value; redraw(); });
    label.appendChild(input);
    return label;
  }

  function askTable(value) {
    const table = document.createElement("table");
    table.innerHTML = "<thead><tr><th>ASK</th></tr></thead>";
    table.createTBody().insertRow().insertCell().textContent = String(value);
    return table;
  }

  function showTable(document_) {
    const box = document.createElement("div");
    if (typeof document_.boolean === "boolean") {
      box.appendChild(askTable(document_.boolean));
      status.textContent = "ASK";
      return box;
    }
    const table = { vars: document_.head.vars, rows: document_.results.bindings, sortBy: null, descending: false, filter: "" };
    const element = document.createElement("table");
    const head = element.createTHead().insertRow();
    const body = element.createTBody();
    const pages = pager(table, body);
    table.vars.forEach(function (v) { head.appendChild(heading(table, v, function () { pages.show(0); })); });
    const chart = barChart(table);
    if (chart) { box.appendChild(chart); }
    box.append(filterBox(table, function () { pages.show(0); }), pages.nav, element);
    pages.show(0);
    const count = table.rows.length;
    status.textContent = say(count === 1 ? "sparql.one_row" : "sparql.rows", { n: number.format(count) });
    return box;
  }

  // --- the bar chart --------------------------------------------------------------------

  // An SVG bar chart for a result of one label column and one number column, else null.
  function barChart(table) {
    if (table.vars.length !== 2 || !table.rows.length || table.rows.length > CHART_BARS) { return null; }
    const numeric = table.vars.filter(function (v) { return table.rows.every(function (b) { return isNumber(b[v]); }); });
    if (numeric.length !== 1) { return null; }
    const valueVar = numeric[0], labelVar = table.vars.find(function (v) { return v !== valueVar; });
    const values = table.rows.map(function (b) { return Number(b[valueVar].value); });
    const max = Math.max.apply(null, values.concat([0]));
    if (max <= 0) { return null; }
    const NS = "http://www.w3.org/2000/svg", LABEL = 260, WIDTH = 720, BAR = 18, GAP = 6;
    const svg = document.createElementNS(NS, "svg");
    const height = table.rows.length * (BAR + GAP) + GAP;
    svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + height);
    svg.setAttribute("width", WIDTH);
    svg.setAttribute("height", height);
    svg.setAttribute("role", "img");
    svg.setAttribute("class", "chart");
    const title = say("sparql.chart", { label: labelVar, value: valueVar });
    svg.setAttribute("aria-label", title);
    const text = function (x, y, content, anchor) {
      const t = document.createElementNS(NS, "text");
      t.setAttribute("x", x); t.setAttribute("y", y); t.setAttribute("text-anchor", anchor);
      t.textContent = content;
      return t;
    };
    table.rows.forEach(function (b, i) {
      const y = GAP + i * (BAR + GAP), width = (WIDTH - LABEL - 70) * values[i] / max;
      const name = shownText(b[labelVar]);
      const label = text(LABEL - 8, y + BAR - 4, name.length > 34 ? name.slice(0, 33) + "…" : name, "end");
      const tip = document.createElementNS(NS, "title");
      tip.textContent = name + ": " + number.format(values[i]);
      const rect = document.createElementNS(NS, "rect");
      rect.setAttribute("x", LABEL); rect.setAttribute("y", y);
      rect.setAttribute("width", Math.max(width, 1)); rect.setAttribute("height", BAR);
      rect.appendChild(tip);
      svg.append(label, rect, text(LABEL + width + 6, y + BAR - 4, number.format(values[i]), "start"));
    });
    const figure = document.createElement("figure");
    const caption = document.createElement("figcaption");
    caption.textContent = title;
    figure.append(caption, svg);
    return figure;
  }

  // --- downloads, permalink, history ----------------------------------------------------

  function url(query, format) {
    return endpoint + "?query=" + encodeURIComponent(query) + (format ? "&format=" + format : "");
  }

  function showLinks(query, formats) {
    links.textContent = "";
    formats.forEach(function (f) {
      const a = document.createElement("a");
      a.href = url(query, f[0]);
      a.textContent = f[1];
      a.dataset.format = f[0];
      a.setAttribute("download", "result." + f[0]);
      links.appendChild(a);
    });
    downloads.hidden = false;
  }

  function permalinkOf(query) { return endpoint + location.search + "#query=" + encodeURIComponent(query); }

  function updatePermalink() { permalink.href = permalinkOf($("query").value); }

  // The language links keep the query: they carry the permalink's fragment.
  document.querySelectorAll(".langs a").forEach(function (a) {
    a.addEventListener("click", function () { a.hash = "query=" + encodeURIComponent($("query").value); });
  });
  $("query").addEventListener("input", updatePermalink);
  $("query").addEventListener("change", updatePermalink);

  function remembered() {
    try { return JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]"); } catch (e) { return []; }
  }

  function remember(query) {
    const kept = [query].concat(remembered().filter(function (q) { return q !== query; })).slice(0, HISTORY_SIZE);
    try { localStorage.setItem(HISTORY_KEY, JSON.stringify(kept)); } catch (e) { /* storage full or off: no history */ }
    showHistory();
  }

  // The first line that is not a PREFIX line or a comment: how a query is named in the list.
  function summary(query) {
    const line = query.split("\n").map(function (l) { return l.trim(); }).find(function (l) {
      return l && !/^(PREFIX|BASE)\b/i.test(l) && !l.startsWith("#");
    });
    return (line || query.trim()).slice(0, 100);
  }

  function showHistory() {
    const list = $("history-list"), queries = remembered();
    list.textContent = "";
    queries.forEach(function (query) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link";
      button.title = query;
      button.textContent = summary(query);
      button.addEventListener("click", function () { editor.set(query); updatePermalink(); $("query").focus(); });
      const li = document.createElement("li");
      li.appendChild(button);
      list.appendChild(li);
    });
    $("history-none").hidden = queries.length > 0;
    $("history-clear").hidden = queries.length === 0;
  }

  $("history-clear").addEventListener("click", function () { localStorage.removeItem(HISTORY_KEY); showHistory(); });

  // --- running ---------------------------------------------------------------------------

  function showFailure(code, text) {
    status.className = "error";
    status.textContent = code ? say("sparql.server", { status: code, message: text.trim() }) : text;
    editor.placeServerMessage(text);
  }

  function showAnswer(query, response, text) {
    const type = response.headers.get("content-type") || "";
    if (type.indexOf("json") >= 0) {
      const answer = JSON.parse(text);
      results.appendChild(showTable(answer));
      showLinks(query, typeof answer.boolean === "boolean" ? ASK_FORMATS : RESULT_FORMATS);
    } else {
      const pre = document.createElement("pre");
      pre.className = "graph";
      pre.textContent = text;
      results.appendChild(pre);
      status.textContent = say("sparql.graph");
      showLinks(query, GRAPH_FORMATS);
    }
  }

  function run(query) {
    status.className = "";
    results.textContent = "";
    downloads.hidden = true;
    if (editor.lint()) { status.textContent = ""; return; }  // the problem is shown at its place
    status.textContent = say("sparql.running");
    updatePermalink();
    history.replaceState(null, "", permalinkOf(query));
    remember(query);
    const started = performance.now();
    fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: "query=" + encodeURIComponent(query),
    }).then(function (response) {
      return response.text().then(function (text) { return { response: response, text: text }; });
    }).then(function (r) {
      const server = ((performance.now() - started) / 1000).toFixed(2);
      if (!r.response.ok) { showFailure(r.response.status, r.text); return; }
      showAnswer(query, r.response, r.text);
      // the time the user waited: until the browser has painted the first page of the result
      const shown = status.textContent;
      requestAnimationFrame(function () {
        setTimeout(function () {
          const waited = ((performance.now() - started) / 1000).toFixed(2);
          status.textContent = say("sparql.waited", { shown: shown, waited: waited, server: server });
          status.dataset.waited = waited;
        }, 0);
      });
    }).catch(function (error) { showFailure("", String(error)); });
  }

  $("query-form").addEventListener("submit", function (event) {
    event.preventDefault();
    run($("query").value);
  });

  // A permalink (#query=…) fills the editor.
  if (location.hash.startsWith("#query=")) {
    editor.set(decodeURIComponent(location.hash.slice("#query=".length)));
  }
  updatePermalink();
  showHistory();
})();
