// procgraph pages: small enhancements only; every page works without this file.
(function () {
  "use strict";

  // "Only covered" filters (tree and heat map) remember their state for this browser.
  var filter = document.getElementById("only-covered");
  if (filter) {
    var key = "procgraph-only-covered";
    var apply = function () { document.body.classList.toggle("only-covered", filter.checked); };
    filter.checked = window.localStorage && localStorage.getItem(key) === "1";
    apply();
    filter.addEventListener("change", function () {
      if (window.localStorage) { localStorage.setItem(key, filter.checked ? "1" : "0"); }
      apply();
    });
  }

  // Expand or collapse the whole tree.
  document.querySelectorAll("button[data-tree]").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("data-tree") === "open";
      document.querySelectorAll("#tree details").forEach(function (d) { d.open = open; });
    });
  });

  // "/" jumps to the search box (unless typing somewhere already).
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var box = document.getElementById("q");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    }
  });
})();
