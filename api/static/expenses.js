// The expenses agent's status card (active or paused, registered today, time saved,
// what is pending or needs a person and why, Activar / Pausar) and its daily summaries.
(function () {
  "use strict";
  var C = window.Cuadre;
  var $ = C.$;

  function minutes(n) {
    n = Number(n) || 0;
    return n < 60 ? n + " min" : Math.floor(n / 60) + " h " + (n % 60) + " min";
  }

  /** One item per document left for a person: its number and why. */
  function reasonItems(list) {
    return (list || []).map(function (r) {
      var li = C.el("li");
      li.appendChild(C.el("strong", "", r.number || ""));
      li.appendChild(document.createTextNode(": " + (r.reasons || []).join("; ")));
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

  // `inbox` is the reception inbox's page of entries waiting for a person, with its
  // counts by status across the whole inbox (pending, needs_review...).
  function renderStatus(s, inbox) {
    var counts = inbox.by_status || {};
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
    var needs = (inbox.items || []).map(function (e) {
      return { number: e.number + " · " + e.supplier_name, reasons: e.reasons };
    });
    var figures = C.el("div", "figures");
    figures.appendChild(figure("registradas hoy", s.registered || 0, "agent-registered"));
    figures.appendChild(figure("tiempo ahorrado", minutes(s.minutes_saved), "agent-saved"));
    figures.appendChild(figure("pendientes en la bandeja", counts.pending || 0, "agent-pending"));
    figures.appendChild(figure("por revisar", counts.needs_review || 0, "agent-review"));
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
    return Promise.all([
      C.json("/api/v1/expense-agent/status"),
      C.json("/api/v1/inbox?status=needs_review&size=10")
    ]).then(function (both) { renderStatus(both[0], both[1]); }, function (err) {
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
          note.appendChild(C.el("p", "", (body && body.message) || "Agente de gastos en pausa."));
          note.appendChild(C.el("p", "muted", "Lo que llegue desde ahora queda para una persona."));
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
    var items = body.summaries || [];
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
      if ((s.unregistered || []).length) {
        var sub = C.el("ul", "issues");
        reasonItems(s.unregistered).forEach(function (r) { sub.appendChild(r); });
        li.appendChild(sub);
      }
      list.appendChild(li);
    });
  }

  // No from/to: the server's default is the last 30 days on Bogotá's calendar, which
  // the browser's own clock (any time zone) would only approximate.
  function loadSummaries() {
    return C.json("/api/v1/expense-agent/summaries").then(renderSummaries, function (err) {
      $("agent-summaries").textContent = err.message;
    });
  }

  function refresh() { loadStatus(); loadSummaries(); }
  C.on("session", refresh);
  C.on("tab", function (d) { if (d.name === "expenses") { refresh(); } });
})();
