// The review table of a staged sync: filters (status, direction, text), paging,
// checkboxes that select or leave out documents, one document's detail (lines, taxes,
// issues, the entry it will make) and the commit, behind the same consent card.
(function () {
  "use strict";
  var C = window.Cuadre;
  var $ = C.$;
  var STATUS_ES = {
    new: "Nuevo", already_in_books: "Ya en libros",
    conflicting: "Con diferencias", rejected_by_dian: "Rechazado DIAN"
  };
  var DIRECTION_ES = { received: "Compra", issued: "Venta" };
  var JOB_STATE_ES = {
    connecting: "conectando", downloading: "leyendo", committing: "registrando",
    done: "terminada", failed: "fallida"
  };
  // DIAN tax scheme codes (Anexo técnico, tabla 13.2.2) a person recognises by name.
  var TAX_ES = {
    "01": "IVA", "02": "IC", "03": "ICA", "04": "INC", "05": "ReteIVA", "06": "ReteFuente",
    "07": "ReteICA", "20": "FtoHorticultura", "21": "Timbre", "22": "INC Bolsas", "ZZ": "Otro"
  };
  var view = { job: null, state: "", page: 1, pages: 1, rows: [], opened: null };
  var debounce = null;

  function base() { return "/api/v1/sync/jobs/" + view.job; }

  function query() {
    var params = new URLSearchParams({
      status: $("filter-status").value,
      direction: $("filter-direction").value,
      q: $("filter-text").value.trim(),
      page: String(view.page),
      size: $("filter-size").value
    });
    return base() + "/review?" + params.toString();
  }

  // Filters fire one request each; answers can arrive out of order, and only the answer
  // to the latest request may paint the table.
  var latest = 0;

  function load() {
    if (!view.job) { return Promise.resolve(); }
    $("review-error").textContent = "";
    var ticket = ++latest;
    return C.json(query()).then(function (page) {
      if (ticket === latest) { render(page); }
    }, function (err) {
      if (ticket === latest) { $("review-error").textContent = err.message; }
    });
  }

  function statusBadge(status) {
    return C.el("span", "badge status-" + status, STATUS_ES[status] || status);
  }

  function row(doc, editable) {
    var tr = document.createElement("tr");
    tr.dataset.id = doc.id;
    var check = document.createElement("input");
    check.type = "checkbox";
    check.checked = !!doc.selected;
    // Only new documents can go to the books; the others stay visible but locked.
    check.disabled = !editable || doc.status !== "new";
    check.setAttribute("aria-label", "Incluir " + doc.number);
    check.addEventListener("change", function () { select([doc.id], check.checked); });
    var open = C.button(doc.number || "(sin número)", "link", function () { detail(doc.id, open); });
    open.setAttribute("aria-controls", "review-detail");
    open.setAttribute("aria-expanded", "false");
    var who = C.el("td");
    who.appendChild(C.el("span", "", doc.name));
    who.appendChild(C.el("small", "nit", doc.nit));
    var cells = [C.el("td"), C.el("td"), C.el("td", "", C.day(doc.issue_date)),
      C.el("td", "", DIRECTION_ES[doc.direction] || doc.direction), who, C.el("td"),
      C.el("td", "num", C.money(doc.total))];
    cells[0].appendChild(check);
    cells[1].appendChild(open);
    cells[5].appendChild(statusBadge(doc.status));
    if (doc.outcome) { cells[5].appendChild(C.el("small", "outcome", doc.outcome)); }
    cells.forEach(function (td) { tr.appendChild(td); });
    return tr;
  }

  function render(page) {
    view.state = page.state;
    view.rows = page.rows || [];
    view.pages = Math.max(1, Math.ceil((page.total_rows || 0) / (page.page_size || 1)));
    var editable = page.state === "staged";
    var body = $("review-table").querySelector("tbody");
    body.textContent = "";
    view.rows.forEach(function (doc) { body.appendChild(row(doc, editable)); });
    if (!view.rows.length) {
      var empty = C.el("td", "empty", "Ningún documento coincide con los filtros.");
      empty.colSpan = 7;
      body.appendChild(C.el("tr")).appendChild(empty);
    }
    var selectable = view.rows.filter(function (d) { return d.status === "new"; });
    var all = $("review-all");
    all.disabled = !editable || !selectable.length;
    all.checked = selectable.length > 0 && selectable.every(function (d) { return d.selected; });
    all.indeterminate = !all.checked && selectable.some(function (d) { return d.selected; });
    $("review-page").textContent = "Página " + view.page + " de " + view.pages + " · " + page.total_rows + " documento(s)";
    $("review-prev").disabled = view.page <= 1;
    $("review-next").disabled = view.page >= view.pages;
    $("review-totals").textContent = "Seleccionados: " + page.selected + " por " + C.money(page.selected_total) +
      ". Terceros nuevos: " + page.contacts_new + ", ya existentes: " + page.contacts_existing + ".";
    var commit = $("review-commit");
    commit.disabled = !editable || !page.selected;
    commit.textContent = "Registrar " + page.selected + " seleccionado(s)";
    $("review-state").textContent = editable ? "" : "Esta sincronización está " + (JOB_STATE_ES[page.state] || page.state) + ": la selección ya no se puede cambiar.";
  }

  function select(ids, selected) {
    return C.postJson(base() + "/selection", { ids: ids, selected: selected })
      .then(load, function (err) { $("review-error").textContent = err.message; return load(); });
  }

  function lineTable(caption, headers, rows) {
    var table = C.el("table", "mini");
    table.appendChild(C.el("caption", "", caption));
    var head = table.appendChild(C.el("thead")).appendChild(C.el("tr"));
    headers.forEach(function (h) { head.appendChild(C.el("th", "", h)).setAttribute("scope", "col"); });
    var body = table.appendChild(C.el("tbody"));
    rows.forEach(function (cells) {
      var tr = body.appendChild(C.el("tr"));
      cells.forEach(function (c, i) { tr.appendChild(C.el("td", i ? "num" : "", c)); });
    });
    return table;
  }

  function renderDetail(d) {
    var box = $("review-detail");
    box.textContent = "";
    var r = d.row || {};
    var head = C.el("div", "detail-head");
    head.appendChild(C.el("h3", "", (r.number || "") + " · " + (r.name || "")));
    head.appendChild(C.button("Cerrar", "cancel", closeDetail));
    box.appendChild(head);
    box.appendChild(C.el("p", "", C.day(r.issue_date) + " · NIT " + (r.nit || "") + " · " + C.money(r.total)));
    var issues = [r.note, d.problem].filter(Boolean);
    var list = C.el("ul", "issues");
    list.setAttribute("aria-label", "Observaciones");
    (issues.length ? issues : ["Sin observaciones."]).forEach(function (t) { list.appendChild(C.el("li", "", t)); });
    box.appendChild(list);
    box.appendChild(lineTable("Líneas", ["Descripción", "Cantidad", "Total"], (d.lines || []).map(function (l) {
      return [l.description, String(l.quantity), C.money(l.total)];
    })));
    box.appendChild(lineTable("Impuestos y retenciones", ["Impuesto", "Tarifa", "Valor"], (d.taxes || []).map(function (t) {
      return [(TAX_ES[t.scheme] || t.scheme) + (t.withholding ? " (retención)" : ""), t.rate + " %", C.money(t.amount)];
    })));
    var entry = (d.entry || []).concat(d.payment || []);
    if (entry.length) {
      box.appendChild(lineTable("Asiento que se registrará", ["Cuenta", "Débito", "Crédito"], entry.map(function (l) {
        return [l.account, C.money(l.debit), C.money(l.credit)];
      })));
    }
    if (d.payment_note) { box.appendChild(C.el("p", "muted", d.payment_note)); }
    box.hidden = false;
    box.focus();
  }

  function detail(id, opener) {
    if (view.opened) { view.opened.setAttribute("aria-expanded", "false"); }
    view.opened = opener;
    opener.setAttribute("aria-expanded", "true");
    C.json(base() + "/documents/" + id).then(renderDetail, function (err) {
      $("review-error").textContent = err.message;
    });
  }

  function closeDetail() {
    $("review-detail").hidden = true;
    if (view.opened) {
      view.opened.setAttribute("aria-expanded", "false");
      view.opened.focus();
      view.opened = null;
    }
  }

  /** The consent text from the commit preview (counts, totals, debits = credits). */
  function previewSummary(p) {
    return "Registraré " + p.documents + " documento(s) por " + C.money(p.total) +
      " con sus asientos (débitos " + C.money(p.debit) + " = créditos " + C.money(p.credit) + ") y " +
      p.payments + " pago(s) automático(s) a «Banco 1» por " + C.money(p.payments_total) + ".";
  }

  /** The import rules to keep in mind, folded, each with its help page. */
  function pointsList(points) {
    var box = C.el("details", "points");
    box.appendChild(C.el("summary", "", "Ten en cuenta (" + points.length + ")"));
    var list = box.appendChild(C.el("ul", "issues"));
    points.forEach(function (point) {
      var li = list.appendChild(C.el("li", "", point[0] + " "));
      var link = li.appendChild(C.el("a", "citation", "Ver ayuda"));
      link.href = C.helpHref(point[1]);
      link.target = "_blank";
      link.rel = "noopener";
    });
    return box;
  }

  // Commit: the preview first (writes nothing), then the consent card decides.
  function commit() {
    var target = $("review-consent");
    target.textContent = "";
    $("review-commit").disabled = true;
    C.json(base() + "/commit-preview").then(function (preview) {
      var kinds = Object.keys(preview.by_kind || {}).map(function (k) {
        return preview.by_kind[k] + " " + (C.KIND_ES[k] || k);
      });
      var extra = kinds.length ? [C.el("p", "muted", kinds.join(", ") + ".")] : [];
      if ((preview.problems || []).length) {
        var list = C.el("ul", "issues");
        list.setAttribute("aria-label", "Documentos que no se registrarán");
        preview.problems.forEach(function (p) { list.appendChild(C.el("li", "", p)); });
        extra.push(list);
      }
      if ((preview.points || []).length) { extra.push(pointsList(preview.points)); }
      C.consentCard(target, previewSummary(preview), extra, function (approve) {
        if (!approve) { target.textContent = ""; return load(); }
        return C.postJson(base() + "/commit", {}).then(function (job) {
          target.textContent = "";
          C.emit("sync-job", { id: job.id || view.job, job: job });
        });
      });
    }, function (err) { $("review-error").textContent = err.message; load(); });
  }

  /** Show job `id` in the review table (page 1, filters kept). */
  function open(id) {
    if (view.job !== Number(id)) { closeDetail(); $("review-consent").textContent = ""; }
    view.job = Number(id);
    view.page = 1;
    $("review-empty").hidden = true;
    $("review-body").hidden = false;
    $("review-title").textContent = "Sincronización " + id;
    return load();
  }

  function refilter() { view.page = 1; load(); }

  $("review-filters").addEventListener("submit", function (e) { e.preventDefault(); refilter(); });
  ["filter-status", "filter-direction", "filter-size"].forEach(function (id) {
    $(id).addEventListener("change", refilter);
  });
  $("filter-text").addEventListener("input", function () {
    clearTimeout(debounce);
    debounce = setTimeout(refilter, 250);
  });
  $("review-prev").addEventListener("click", function () { view.page -= 1; load(); });
  $("review-next").addEventListener("click", function () { view.page += 1; load(); });
  $("review-all").addEventListener("change", function () {
    var ids = view.rows.filter(function (d) { return d.status === "new"; }).map(function (d) { return d.id; });
    select(ids, this.checked);
  });
  $("review-commit").addEventListener("click", commit);
  $("review-detail").addEventListener("keydown", function (e) { if (e.key === "Escape") { closeDetail(); } });
  C.on("sync-settled", function (job) {
    var id = job.id || job.job_id;
    if (job.state === "staged" || (job.state === "done" && view.job === Number(id))) { open(id); }
  });
})();
