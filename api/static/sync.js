// Sync jobs in the panel: start one from dropped DIAN files (listing or ZIP), poll
// GET /api/v1/sync/jobs/{id} while it works, and show a progress bar with counts and
// then the outcome, with the files it could not read grouped by reason under the bar.
// Whoever starts or commits a job emits "sync-job" {id}.
(function () {
  "use strict";
  var C = window.Cuadre;
  var $ = C.$;
  var POLL_MS = 400;
  var SHOWN_FILES = 3;  // file names listed per reason; the rest are "y N más"
  var RETRY_MS = 3000;
  var RUNNING = { connecting: true, downloading: true, committing: true };
  var STATE_ES = {
    connecting: "Conectando con la DIAN",
    downloading: "Leyendo los documentos",
    staged: "Lista para revisar",
    committing: "Registrando en tus libros",
    done: "Sincronización terminada",
    failed: "La sincronización falló"
  };
  var STATUS_ES = {
    new: "nuevos", already_in_books: "ya en tus libros",
    conflicting: "con diferencias", rejected_by_dian: "rechazados por la DIAN"
  };
  var KIND_ES = C.KIND_ES;
  var current = null;
  var timer = null;

  function jobId(job) { return job.id || job.job_id; }
  function percent(job) {
    var n = job.percent !== undefined ? job.percent : job.progress;
    return Math.max(0, Math.min(100, Number(n) || 0));
  }

  /** One line of counts: read and by status while reading, written of selected while
   *  committing, and the summary (by kind, payments, what was left out) when done. */
  function countsText(job) {
    var s = job.summary;
    var c = job.counts || {};
    if (job.state === "done" && s) {
      var kinds = (s.by_kind || []).map(function (k) {
        return k.count + " " + (KIND_ES[k.kind] || k.kind) + " (" + C.money(k.total) + ")";
      });
      var skipped = (s.skipped || []).map(function (k) { return k.count + " " + k.reason; });
      return "Registré " + s.documents + " documento(s)" + (s.batch_id ? " en el lote " + s.batch_id : "") +
        (kinds.length ? ": " + kinds.join(", ") : "") + ". Pagos automáticos: " + s.payments +
        " por " + C.money(s.payments_total) + "." + (skipped.length ? " Omitidos: " + skipped.join("; ") + "." : "");
    }
    if (job.state === "committing") {
      return "Registrados " + (c.committed || 0) + " de " + (c.selected || 0) +
        (c.failed ? " · omitidos: " + c.failed : "");
    }
    var parts = [];
    if (c.read) { parts.push("Leídos: " + c.read); }
    if (c.staged !== undefined) { parts.push("En revisión: " + c.staged); }
    Object.keys(c.by_status || {}).forEach(function (key) {
      parts.push((STATUS_ES[key] || key) + ": " + c.by_status[key]);
    });
    if (c.unreadable) { parts.push("ilegibles: " + c.unreadable); }
    return parts.join(" · ");
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /** "a.xml", "a.xml y b.xml", "a.xml, b.xml, c.xml y 2 más": names as given, plain text. */
  function fileNames(files, count) {
    var shown = files.slice(0, SHOWN_FILES);
    var more = count - shown.length;
    if (more > 0 && shown.length) { return shown.join(", ") + " y " + more + " más"; }
    if (shown.length < 2) { return shown.join(""); }
    return shown.slice(0, -1).join(", ") + " y " + shown[shown.length - 1];
  }

  /** Under the bar, while the job runs and after: the files it could not read, by
   *  reason (`counts.unreadable_by_reason`); hidden when there are none. Names come
   *  from the person's files and ZIPs, so they only ever go in as text. */
  function renderUnreadable(counts) {
    var box = $("sync-unreadable");
    var groups = counts.unreadable_by_reason || [];
    var total = Math.max(counts.unreadable || 0, groups.reduce(function (n, g) { return n + g.count; }, 0));
    box.textContent = "";
    box.hidden = total === 0;
    if (!total) { return; }
    box.appendChild(C.el("p", "unreadable-head", "No se pudieron leer " + plural(total, "archivo", "archivos") + ":"));
    var list = C.el("ul");
    var listed = 0;
    groups.forEach(function (g) {
      var item = C.el("li");
      var names = fileNames(g.files || [], g.count);
      listed += g.count;
      item.appendChild(C.el("span", "reason", g.reason));
      item.appendChild(C.el("span", "files", plural(g.count, "archivo", "archivos") + (names ? ": " + names : "")));
      list.appendChild(item);
    });
    if (total > listed) {
      list.appendChild(C.el("li", "files", plural(total - listed, "archivo más", "archivos más") + " por otras razones"));
    }
    box.appendChild(list);
  }

  function render(job) {
    var box = $("sync-status");
    var pct = percent(job);
    box.hidden = false;
    box.dataset.state = job.state;
    $("sync-title").textContent = job.undone ? "Lote deshecho" : STATE_ES[job.state] || job.state_es || job.state;
    $("sync-job-label").textContent = "Sincronización " + jobId(job);
    var bar = $("sync-bar");
    bar.setAttribute("aria-valuenow", String(pct));
    bar.setAttribute("aria-valuetext", pct + " %");
    bar.firstElementChild.style.width = pct + "%";
    $("sync-percent").textContent = pct + " %";
    $("sync-counts").textContent = countsText(job);
    renderUnreadable(job.counts || {});
    var resumed = $("sync-resumed");  // «Se reanudó sola a las 10:42 …» after a dead worker
    resumed.textContent = job.resumed_es || "";
    resumed.hidden = !job.resumed_es;
    var outcome = $("sync-outcome");
    outcome.textContent = "";
    outcome.className = "outcome";
    outcome.removeAttribute("role");
    if (job.state === "failed") {
      outcome.className = "outcome error";
      outcome.setAttribute("role", "alert");
      outcome.textContent = job.reason || "No pude terminar la sincronización.";
    } else if (job.state === "staged" && job.counts && job.counts.staged === 0) {
      outcome.className = "outcome error";
      outcome.setAttribute("role", "alert");
      outcome.textContent = "No encontré documentos de la DIAN para revisar" + (job.counts.unreadable
        ? ": " + job.counts.unreadable + " archivo(s) no se pudieron leer. Usa el listado (.xlsx) " +
          "o los ZIP y XML tal como los descargas de la DIAN o te los envía el proveedor."
        : ".");
    } else if (job.state === "staged") {
      outcome.appendChild(C.button("Revisar documentos", "", function () { C.showTab("review"); }));
    } else if (job.state === "done" && job.batch_id && !job.undone) {
      outcome.appendChild(C.button("Deshacer lote " + job.batch_id, "cancel", function () { undo(job, this); }));
    } else if (job.undone) {
      outcome.textContent = "El lote " + job.batch_id + " se deshizo: sus asientos quedaron reversados.";
    }
  }

  // Undo a committed batch behind the same consent card: preview, then Confirmar.
  function undo(job, opener) {
    var batch = "/api/v1/sync/batches/" + encodeURIComponent(job.batch_id);
    opener.disabled = true;
    C.json(batch + "/preview").then(function (preview) {
      C.consentCard($("sync-outcome"), preview.summary, [], function (approve) {
        if (!approve) { render(job); return null; }
        return C.postJson(batch + "/undo", {}).then(function () {
          C.emit("books-changed");
          track(jobId(job));
        });
      });
    }, function (err) {
      $("sync-outcome").appendChild(C.el("p", "error", err.message)).setAttribute("role", "alert");
    });
  }

  function poll() {
    clearTimeout(timer);
    var id = current;
    C.json("/api/v1/sync/jobs/" + id).then(function (job) {
      if (id !== current) { return; }
      render(job);
      if (RUNNING[job.state]) {
        timer = setTimeout(poll, POLL_MS);
        return;
      }
      // Settled: let the review table and the host page catch up.
      C.emit("sync-settled", job);
      if (job.state === "done") { C.emit("books-changed"); }
    }, function (err) {
      $("sync-status").hidden = false;
      $("sync-outcome").className = "outcome error";
      $("sync-outcome").textContent = err.message;
      // The job keeps running on the server: a dropped connection or a busy worker is
      // worth another try, a 4xx (gone, not ours) is not.
      if (id === current && !(err.status >= 400 && err.status < 500)) {
        timer = setTimeout(poll, RETRY_MS);
      }
    });
  }

  /** Follow job `id` until it settles (staged, done or failed); `job` is its last
   *  known progress (a 202 answer), shown at once while the first poll is on its way. */
  function track(id, job) {
    if (!id) { return; }
    current = Number(id);
    if (job) { render(job); }
    poll();
  }

  function start(files) {
    var form = new FormData();
    files.forEach(function (f) { form.append("files", f, f.name); });
    $("attachments").textContent = "Subiendo " + files.length + " archivo(s) para sincronizar…";
    C.json("/api/v1/sync/jobs", { method: "POST", body: form }).then(function (job) {
      $("attachments").textContent = "Sincronizando: " + files.map(function (f) { return f.name; }).join(", ");
      track(jobId(job), job);
    }, function (err) { $("attachments").textContent = err.message; });
  }

  // After a reload, pick up the latest job if it still needs the person or is running.
  function resume() {
    C.json("/api/v1/sync/jobs?limit=1").then(function (body) {
      var job = (body.jobs || [])[0];
      if (job && current === null && (job.running || job.state === "staged")) { track(job.id, job); }
    }, function () { /* nothing to resume */ });
  }

  C.on("session", resume);
  C.on("sync-files", function (d) { start(d.files); });
  C.on("sync-job", function (d) { track(d.id, d.job); });
  C.trackSync = track;
})();
