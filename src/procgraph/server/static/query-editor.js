// The SPARQL editor of the query page: a textarea with a highlighted <pre> behind it, a light
// syntax check (brackets, strings, IRIs, undeclared prefixes) with the problem shown at its
// line and column, and completion of prefixes, keywords, the ontology's terms and element ids.
// Plain JavaScript, no library. ProcgraphEditor.attach(...) wires it to the page's elements.
"use strict";
window.ProcgraphEditor = (function () {
  const IRI_CHARS = "[^<>\"{}|^`\\\\\\s]";
  // Token kinds in the order they are tried at each position (the first that matches wins).
  const TOKENS = [
    ["comment", /#[^\n]*/y],
    ["string", /"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/y],
    ["open-string", /"""[\s\S]*|'''[\s\S]*|"(?:[^"\\\n]|\\.)*|'(?:[^'\\\n]|\\.)*/y],
    ["iri", new RegExp("<" + IRI_CHARS + "*>", "y")],
    ["open-iri", new RegExp("<[A-Za-z][\\w+.-]*:" + IRI_CHARS + "*", "y")],
    ["var", /[?$][\p{L}\p{N}_]+/uy],
    ["bnode", /_:[\p{L}\p{N}_-]+/uy],
    ["lang", /@[A-Za-z]+(?:-[A-Za-z0-9]+)*/y],
    ["number", /(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?)(?![\p{L}_:])/uy],
    ["pname", /(?:[\p{L}][\p{L}\p{N}_.-]*)?:(?:[\p{L}\p{N}_:%-](?:[\p{L}\p{N}_.:%-]*[\p{L}\p{N}_:%-])?)?/uy],
    ["word", /[\p{L}_][\p{L}\p{N}_]*/uy],
    ["punct", /\^\^|&&|\|\||!=|<=|>=|[{}()[\].,;*=<>!+\-/|^]/y],
    ["space", /\s+/y],
    ["other", /[\s\S]/uy],
  ];
  const KEYWORDS = ("BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED GRAPH OPTIONAL UNION MINUS FILTER " +
    "BIND VALUES SERVICE SILENT DISTINCT REDUCED AS ORDER BY ASC DESC LIMIT OFFSET GROUP HAVING NOT EXISTS IN " +
    "UNDEF COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE " +
    "RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE " +
    "STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 " +
    "COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE TRUE FALSE " +
    "INSERT DELETE DATA WITH USING DEFAULT ALL LOAD CLEAR DROP CREATE ADD MOVE COPY TO INTO").split(" ");
  const KEYWORD_SET = new Set(KEYWORDS);
  const PAIRS = { "{": "}", "(": ")", "[": "]" };
  const CLOSERS = { "}": "{", ")": "(", "]": "[" };

  // --- reading the text -----------------------------------------------------------------

  function tokenize(text) {
    const tokens = [];
    let at = 0;
    while (at < text.length) {
      for (const [kind, pattern] of TOKENS) {
        pattern.lastIndex = at;
        const m = pattern.exec(text);
        if (m && m[0].length) {
          let type = kind;
          if (kind === "word") { type = (KEYWORD_SET.has(m[0].toUpperCase()) || m[0] === "a") ? "keyword" : "word"; }
          tokens.push({ type: type, text: m[0], start: at, end: at + m[0].length });
          at += m[0].length;
          break;
        }
      }
    }
    return tokens;
  }

  // Line and column (from 1, in code points as the server counts them) of an offset.
  function position(text, offset) {
    const before = text.slice(0, offset);
    const lineStart = before.lastIndexOf("\n") + 1;
    return { line: before.split("\n").length, column: Array.from(before.slice(lineStart)).length + 1 };
  }

  // The offset of a line and column (from 1, code points), clamped to the text.
  function offsetOf(text, line, column) {
    let start = 0;
    for (let i = 1; i < line; i++) {
      const nl = text.indexOf("\n", start);
      if (nl < 0) { return text.length; }
      start = nl + 1;
    }
    const end = text.indexOf("\n", start) < 0 ? text.length : text.indexOf("\n", start);
    const chars = Array.from(text.slice(start, end)).slice(0, column - 1).join("");
    return start + chars.length;
  }

  // PREFIX declarations of the text: {name: iri}.
  function declared(tokens) {
    const out = {};
    const meaningful = tokens.filter(function (t) { return t.type !== "space" && t.type !== "comment"; });
    meaningful.forEach(function (t, i) {
      const name = meaningful[i + 1], iri = meaningful[i + 2];
      if (t.type === "keyword" && t.text.toUpperCase() === "PREFIX" && name && name.type === "pname" &&
          name.text.endsWith(":")) {
        out[name.text.slice(0, -1)] = iri && iri.type === "iri" ? iri.text.slice(1, -1) : "";
        name.declaration = true;
      }
    });
    return out;
  }

  // Problems a parser would refuse, in the order a parser meets them (groups left open are
  // found at the end of the text): {start, end, key, values, fix}.
  function check(text, knownPrefixes) {
    const tokens = tokenize(text);
    const prefixes = declared(tokens);
    const problems = [];
    const stack = [];
    tokens.forEach(function (t) {
      if (t.type === "open-string") {
        const quote = t.text.startsWith('"""') || t.text.startsWith("'''") ? t.text.slice(0, 3) : t.text[0];
        problems.push({ start: t.start, end: t.start + quote.length, key: quote.length === 3 ? "sparql.open_long_string" : "sparql.open_string", values: { quote: quote } });
      } else if (t.type === "open-iri") {
        problems.push({ start: t.start, end: t.end, key: "sparql.open_iri", values: {} });
      } else if (t.type === "punct" && PAIRS[t.text]) {
        stack.push(t);
      } else if (t.type === "punct" && CLOSERS[t.text]) {
        const open = stack.pop();
        if (!open) {
          problems.push({ start: t.start, end: t.end, key: "sparql.unopened", values: { open: CLOSERS[t.text], close: t.text } });
        } else if (PAIRS[open.text] !== t.text) {
          const at = position(text, open.start);
          problems.push({ start: t.start, end: t.end, key: "sparql.mismatch",
            values: { open: open.text, close: t.text, line: at.line, column: at.column } });
        }
      } else if (t.type === "pname" && !t.declaration) {
        const prefix = t.text.slice(0, t.text.indexOf(":"));
        if (!(prefix in prefixes)) {
          const iri = knownPrefixes[prefix];
          problems.push(iri ? { start: t.start, end: t.end, key: "sparql.undeclared", values: { prefix: prefix, iri: iri }, fix: prefix }
            : { start: t.start, end: t.end, key: "sparql.unknown_prefix", values: { prefix: prefix } });
        }
      }
    });
    stack.forEach(function (open) {
      problems.push({ start: open.start, end: open.end, key: "sparql.unclosed", values: { open: open.text, close: PAIRS[open.text] } });
    });
    return problems;
  }

  // The text with a PREFIX line for `prefix` added after the last PREFIX/BASE line (or first).
  function withPrefix(text, prefix, iri) {
    const line = "PREFIX " + prefix + ": <" + iri + ">\n";
    const tokens = tokenize(text);
    let after = 0;
    tokens.forEach(function (t, i) {
      const word = t.type === "keyword" ? t.text.toUpperCase() : "";
      if (word === "PREFIX" || word === "BASE") {
        const iriToken = tokens.slice(i + 1).find(function (n) { return n.type === "iri"; });
        if (iriToken) { after = text.indexOf("\n", iriToken.end) < 0 ? text.length : text.indexOf("\n", iriToken.end) + 1; }
      }
    });
    if (after === text.length && text.length && !text.endsWith("\n")) { return { text: text + "\n" + line, at: text.length + 1, added: line.length + 1 }; }
    return { text: text.slice(0, after) + line + text.slice(after), at: after, added: line.length };
  }

  // --- highlighting ---------------------------------------------------------------------

  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // HTML of the highlighted text; `marks` ({offset, html}) are inserted at their offsets and
  // `errors` ({start, end}) underline their characters.
  function highlight(text, marks, errors) {
    const cuts = new Set([0, text.length]);
    marks.forEach(function (m) { cuts.add(m.offset); });
    errors.forEach(function (e) { cuts.add(e.start); cuts.add(Math.max(e.end, e.start)); });
    let html = "";
    tokenize(text).forEach(function (t) {
      const points = Array.from(cuts).filter(function (c) { return c > t.start && c < t.end; }).sort(function (a, b) { return a - b; });
      let from = t.start;
      points.concat([t.end]).forEach(function (to) {
        marks.forEach(function (m) { if (m.offset === from) { html += m.html; } });
        const bad = errors.some(function (e) { return from >= e.start && from < e.end; });
        const piece = escape(text.slice(from, to));
        html += t.type === "space" && !bad ? piece : '<span class="t-' + t.type + (bad ? " t-error" : "") + '">' + piece + "</span>";
        from = to;
      });
    });
    marks.forEach(function (m) { if (m.offset >= text.length) { html += m.html; } });
    return html + "\n";  // a last empty line keeps the same height as the textarea
  }

  // --- completion -----------------------------------------------------------------------

  // What stands before the caret that completion works on (letters, digits, _ . : -).
  function wordBefore(text, caret) {
    const m = /[\p{L}\p{N}_.:-]*$/u.exec(text.slice(0, caret));
    return m ? m[0].replace(/^[.-]+/, "") : "";
  }

  // Whether the caret stands where nothing is completed: in a string, comment, IRI, variable or language tag.
  function inLiteralPlace(text, caret) {
    const quiet = ["string", "open-string", "comment", "iri", "open-iri", "var", "lang"];
    return tokenize(text.slice(0, caret)).some(function (t) { return t.end === caret && quiet.includes(t.type); });
  }

  // Candidates for `word`: {insert, shown, detail, kind}, best first.
  function candidates(word, data, forced) {
    const out = [];
    const lower = word.toLowerCase();
    const add = function (c) { if (out.length < 60 && !out.some(function (o) { return o.insert === c.insert; })) { out.push(c); } };
    const element = function (e) { add({ insert: e.ref, shown: e.ref, detail: e.hid + " " + e.name, kind: "element" }); };
    const term = function (t) { add({ insert: t.name, shown: t.name, detail: [t.label, t.en !== t.label ? t.en : ""].filter(Boolean).join(" · "), kind: t.kind }); };
    if (/^\d+(\.\d*)*$/.test(word)) {
      data.elements.filter(function (e) { return e.hid === word || e.hid === word + ".0"; }).forEach(element);
      data.elements.filter(function (e) { return e.hid.startsWith(word); }).forEach(element);
      return out;
    }
    const colon = word.indexOf(":");
    if (colon >= 0) {
      const prefix = word.slice(0, colon), local = word.slice(colon + 1).toLowerCase();
      if (prefix === "pcf") {
        data.elements.filter(function (e) { return e.ref.toLowerCase().startsWith(lower); }).forEach(element);
        if (local) { data.elements.filter(function (e) { return e.name.toLowerCase().includes(local) || e.hid.startsWith(local); }).forEach(element); }
      }
      data.terms.filter(function (t) { return t.name.toLowerCase().startsWith(lower); }).forEach(term);
      if (local) {
        data.terms.filter(function (t) { return t.name.startsWith(prefix + ":") && (t.label + " " + t.en).toLowerCase().includes(local); }).forEach(term);
      }
      return out;
    }
    if (!word && !forced) { return out; }
    Object.keys(data.prefixes).filter(function (p) { return p.startsWith(lower); }).forEach(function (p) {
      add({ insert: p + ":", shown: p + ":", detail: data.prefixes[p], kind: "prefix" });
    });
    KEYWORDS.filter(function (k) { return word && k.startsWith(word.toUpperCase()); }).forEach(function (k) {
      add({ insert: k, shown: k, detail: "", kind: "keyword" });
    });
    if (word.length >= 2) {
      data.terms.filter(function (t) { return (t.label + " " + t.en).toLowerCase().includes(lower); }).forEach(term);
      data.elements.filter(function (e) { return e.name.toLowerCase().includes(lower); }).forEach(element);
    }
    return out;
  }

  // --- wiring ---------------------------------------------------------------------------

  // Connect the editor: {textarea, pre, list, callout, data, say(key, values), onRun()}.
  function attach(parts) {
    const area = parts.textarea, pre = parts.pre, list = parts.list, callout = parts.callout;
    const data = parts.data;
    let shown = [], chosen = 0, problem = null, timer = 0;

    function paint(extraMarks) {
      const marks = (extraMarks || []).slice();
      const errors = problem ? [{ start: problem.start, end: Math.max(problem.end, problem.start + 1) }] : [];
      if (problem) { marks.push({ offset: problem.start, html: '<span id="error-at"></span>' }); }
      pre.innerHTML = highlight(area.value, marks, errors);
      pre.scrollTop = area.scrollTop;
      pre.scrollLeft = area.scrollLeft;
    }

    // The place of an offset inside the editor box, below its line: {top, left} in pixels.
    function placeOf(offset) {
      paint([{ offset: offset, html: '<span id="caret-at"></span>' }]);
      const mark = document.getElementById("caret-at");
      const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
      const place = { top: mark.offsetTop + lineHeight - area.scrollTop, left: mark.offsetLeft - area.scrollLeft };
      paint();
      return place;
    }

    function message(p) {
      const at = position(area.value, p.start);
      return p.text || parts.say("sparql.at", { line: at.line, column: at.column, message: parts.say(p.key, p.values) });
    }

    // Underline the problem `p` (none: null); unless `quiet`, name it at its place too.
    function showProblem(p, quiet) {
      problem = p;
      paint();
      if (!p || quiet) { callout.hidden = true; return; }
      callout.textContent = message(p);
      if (p.fix) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = parts.say("sparql.add_prefix");
        button.addEventListener("click", function () { addPrefix(p.fix); lint(); area.focus(); });
        callout.appendChild(document.createTextNode(" "));
        callout.appendChild(button);
      }
      const place = placeOf(p.start);
      callout.style.top = place.top + "px";
      callout.style.left = Math.max(0, Math.min(place.left, area.clientWidth - 320)) + "px";
      callout.hidden = false;
    }

    function lint(quiet) {
      const problems = check(area.value, data.prefixes);
      showProblem(problems[0] || null, quiet);
      return problems[0] || null;
    }

    function addPrefix(prefix) {
      if (!data.prefixes[prefix] || prefix in declared(tokenize(area.value))) { return; }
      const caret = area.selectionStart;
      const changed = withPrefix(area.value, prefix, data.prefixes[prefix]);
      area.value = changed.text;
      const moved = caret >= changed.at ? caret + changed.added : caret;
      area.setSelectionRange(moved, moved);
    }

    function close() { list.hidden = true; shown = []; }

    function render() {
      list.textContent = "";
      shown.forEach(function (c, i) {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = "completion-" + i;
        li.className = "kind-" + c.kind + (i === chosen ? " chosen" : "");
        li.setAttribute("aria-selected", i === chosen ? "true" : "false");
        const name = document.createElement("code");
        name.textContent = c.shown;
        const kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = parts.say("sparql.kind." + c.kind);
        const detail = document.createElement("span");
        detail.className = "detail";
        detail.textContent = c.detail;
        li.append(name, kind, detail);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); accept(i); });
        list.appendChild(li);
      });
      const chosenItem = list.children[chosen];
      if (chosenItem) { chosenItem.scrollIntoView({ block: "nearest" }); }
    }

    function open(forced) {
      const caret = area.selectionStart;
      const word = wordBefore(area.value, caret);
      shown = inLiteralPlace(area.value, caret) ? [] : candidates(word, data, forced);
      if (!shown.length || (!forced && shown.length === 1 && shown[0].insert === word)) { close(); return; }
      chosen = 0;
      render();
      const place = placeOf(caret - word.length);
      list.style.top = place.top + "px";
      list.style.left = Math.max(0, Math.min(place.left, area.clientWidth - 360)) + "px";
      list.hidden = false;
    }

    function accept(i) {
      const c = shown[i];
      const caret = area.selectionStart;
      const word = wordBefore(area.value, caret);
      const start = caret - word.length;
      area.value = area.value.slice(0, start) + c.insert + area.value.slice(caret);
      area.setSelectionRange(start + c.insert.length, start + c.insert.length);
      const prefix = /^([\p{L}][\p{L}\p{N}_.-]*):/u.exec(c.insert);
      if (prefix) { addPrefix(prefix[1]); }
      close();
      lint(true);
      area.dispatchEvent(new Event("change"));
      area.focus();
    }

    area.addEventListener("keydown", function (event) {
      if (event.ctrlKey && (event.key === " " || event.code === "Space")) { event.preventDefault(); open(true); return; }
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); close(); parts.onRun(); return; }
      if (list.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        chosen = (chosen + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
        render();
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        accept(chosen);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    area.addEventListener("input", function (event) {
      problem = null;
      paint();
      callout.hidden = true;
      const typed = event.inputType === "insertText" && event.data && event.data.length === 1;
      const word = wordBefore(area.value, area.selectionStart);
      if (typed && /[\p{L}\p{N}_:.]/u.test(event.data) && (word.includes(":") || /^\d+\.\d/.test(word) || word.length >= 2)) {
        open(false);
      } else if (!list.hidden && event.inputType && event.inputType.startsWith("delete")) {
        open(false);
      } else {
        close();
      }
      clearTimeout(timer);
      timer = setTimeout(function () { lint(true); }, 600);  // while typing: the underline only
    });
    area.addEventListener("scroll", function () { pre.scrollTop = area.scrollTop; pre.scrollLeft = area.scrollLeft; });
    area.addEventListener("blur", function () { setTimeout(close, 150); });

    paint();
    area.parentNode.classList.add("highlighting");
    return {
      set: function (text) { area.value = text; problem = null; callout.hidden = true; close(); paint(); },
      lint: lint,
      // Show a message (the server's) at the line and column it names; false when it names none.
      placeServerMessage: function (text) {
        const m = /line (\d+), column (\d+)/.exec(text);
        if (!m) { return false; }
        const start = offsetOf(area.value, Number(m[1]), Number(m[2]));
        showProblem({ start: start, end: start + 1, text: text.replace(/\s+$/, "") });
        return true;
      },
    };
  }

  return { tokenize: tokenize, check: check, position: position, offsetOf: offsetOf, candidates: candidates,
           wordBefore: wordBefore, highlight: highlight, attach: attach };
})();
