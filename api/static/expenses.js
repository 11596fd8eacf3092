// The expenses agent's status card (active or paused, registered today, time saved,
// what is pending or needs a person and why, Activar / Pausar) and its daily summaries.
(function () {
  "use strict";
  var C = window.Cuadre;
  var $ = C.$;
  var SUMMARY_DAYS = 30;

  function isoDay(d) {
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function minutes(n) {
    n = Number(n) || 0;
    return n < 60 ? n + " min" : Math.floor(n / 60) + " h " + (n % 60) + " min";
  }

  // Reasons travel as {numero, motivos} (the tools' Spanish keys) or {number, reasons}.
  function reasonItems(list) {
    return (list || []).map(function (r) {
      var li = C.el("li");
      li.appendChild(C.el("strong", "", r.numero || r.number || ""));
      li.appendChild(document.createTextNode(": " + (r.motivos || r.reasons || []).join("; ")));
      return li;
    });
  }

  function figure(label, value, id) {
    var box = C.el("div", "figure");
    var v = C.el("span", "value", value);
    if (id) { v.id = id; }
    box.appendChild(v);
    box.appendChild(C.el("span", "label", label));
    return box;
  }

  function renderStatus(s) {
    var card = $("agent-card");
    card.textContent = "";
    var active = !!s.active;
    card.dataset.active = String(active);
    var head = C.el("div", "agent-head");
    head.appendChild(C.el("h2", "", "Agente de gastos"));
    var pill = C.el("span", "pill " + (active ? "on" : "off"), active ? "Activo" : "En pausa");
    pill.id = "agent-state";
    head.appendChild(pill);
    card.appendChild(head);
    card.appendChild(C.el("p", "muted", "Hoy, " + C.day(s.day)));
    var needs = s.not_registered || s.needs_review || [];
    var figures = C.el("div", "figures");
    figures.appendChild(figure("registradas hoy", s.registered || 0, "agent-registered"));
    figures.appendChild(figure("tiempo ahorrado", minutes(s.minutes_saved), "agent-saved"));
    figures.appendChild(figure("pendientes", s.pending !== undefined ? s.pending : "–", "agent-pending"));
    figures.appendChild(figure("por revisar", needs.length, "agent-review"));
    card.appendChild(figures);
    if (needs.length) {
      card.appendChild(C.el("h3", "", "Sin registrar: necesitan tu revisión"));
      var list = C.el("ul", "issues");
      list.id = "agent-reasons";
      reasonItems(needs).forEach(function (li) { list.appendChild(li); });
      card.appendChild(list);
    }
    var actions = C.el("div", "actions");
    var on = C.button("Activar", "", function () { toggle("activate"); });
    var off = C.button("Pausar", "cancel", function () { toggle("pause"); });
    on.id = "agent-activate";
    off.id = "agent-pause";
    on.disabled = active;
    off.disabled = !active;
    actions.appendChild(on);
    actions.appendChild(off);
    card.appendChild(actions);
    card.appendChild(C.el("div", "agent-note")).id = "agent-note";
  }

  function loadStatus() {
    return C.json("/api/v1/expense-agent/status").then(renderStatus, function (err) {
      $("agent-card").textContent = err.message;
    });
  }

  function toggle(action) {
    var focusId = action === "activate" ? "agent-pause" : "agent-activate";
    return C.postJson("/api/v1/expense-agent/" + action, {}).then(function (body) {
      return loadStatus().then(function () {
        var note = $("agent-note");
        if (body && body.greeting) {
          note.appendChild(C.el("p", "", body.greeting + ". Desde ahora me encargo de:"));
          var tasks = C.el("ul");
          (body.tasks || []).forEach(function (t) { tasks.appendChild(C.el("li", "", t)); });
          note.appendChild(tasks);
        } else {
          note.appendChild(C.el("p", "", action === "pause"
            ? "Pausado: lo que llegue desde ahora queda para una persona."
            : "Activado: registraré las compras que lleguen desde ahora."));
        }
        // Keep keyboard focus on a live control: the pressed button is now disabled.
        $(focusId).focus();
      });
    }, function (err) {
      var note = $("agent-note");
      note.textContent = err.message;
      note.setAttribute("role", "alert");
    });
  }

  function renderSummaries(body) {
    var items = Array.isArray(body) ? body : (body.summaries || body.items || []);
    var list = $("agent-summaries");
    list.textContent = "";
    if (!items.length) {
      list.appendChild(C.el("li", "muted", "Todavía no hay resúmenes diarios."));
      return;
    }
    items.slice().sort(function (a, b) { return a.day < b.day ? 1 : -1; }).forEach(function (s) {
      var li = C.el("li", "summary");
      li.appendChild(C.el("strong", "", C.day(s.day)));
      li.appendChild(C.el("span", "", " · " + s.registered + " registrada(s), " + s.not_registered +
        " sin registrar, " + minutes(s.minutes_saved) + " ahorrados"));
      var reasons = typeof s.reasons === "string" ? JSON.parse(s.reasons || "[]") : s.reasons;
      if (reasons && reasons.length) {
        var sub = C.el("ul", "issues");
        reasonItems(reasons).forEach(function (r) { sub.appendChild(r); });
        li.appendChild(sub);
      }
      list.appendChild(li);
    });
  }

  function loadSummaries() {
    var to = new Date();
    var from = new Date(to.getTime() - SUMMARY_DAYS * 86400000);
    var params = new URLSearchParams({ from: isoDay(from), to: isoDay(to) });
    return C.json("/api/v1/expense-agent/summaries?" + params.toString()).then(renderSummaries, function (err) {
      $("agent-summaries").textContent = err.message;
    });
  }

  function refresh() { loadStatus(); loadSummaries(); }
  C.on("session", refresh);
  C.on("tab", function (d) { if (d.name === "expenses") { refresh(); } });
})();
