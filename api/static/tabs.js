// The panel's sections as an accessible tab list (WAI-ARIA tabs pattern): click or
// arrow keys move between Chat, Revisión and Agente de gastos; Home/End jump.
(function () {
  "use strict";
  var C = window.Cuadre;
  var list = document.querySelector("[role=tablist]");
  var tabs = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));

  function select(tab, focus) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      C.$(t.getAttribute("aria-controls")).hidden = !on;
    });
    // The review table needs room: the panel widens while it is open.
    C.$("panel").classList.toggle("wide", tab.dataset.wide === "true");
    document.body.classList.toggle("panel-wide", tab.dataset.wide === "true");
    if (focus) { tab.focus(); }
    C.emit("tab", { name: tab.dataset.tab });
  }

  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function () { select(tab, false); });
    tab.addEventListener("keydown", function (e) {
      var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) { return; }
      e.preventDefault();
      select(tabs[(next + tabs.length) % tabs.length], true);
    });
  });

  /** Open a section by its data-tab name ("chat", "review", "expenses"). */
  C.showTab = function (name) {
    var tab = tabs.filter(function (t) { return t.dataset.tab === name; })[0];
    if (tab) { select(tab, false); }
  };
})();
