// The side panel's chat: login, streamed answers (SSE over fetch), previews with
// consent, DIAN files dropped in, and the host page's trial balance. Sync jobs,
// the review table and the expenses agent live in sync.js, review.js, expenses.js.
(function () {
  "use strict";
  var C = window.Cuadre;
  var md = C.md;
  var $ = C.$;
  var threadId = "panel";
  // Listings (.xlsx) and ZIPs start a sync job; loose XML files go to the chat.
  var SYNC_FILE = /\.(xlsx|zip)$/i;
  var SYNC_JOB = /sincronizaci[oó]n\s+(?:n[.º°o]*\s*)?(\d+)/i;

  function bubble(role, html) {
    var div = document.createElement("div");
    div.className = "msg " + role;
    div.innerHTML = html || "";
    $("messages").appendChild(div);
    scrollDown();
    return div;
  }
  function scrollDown() { $("messages").scrollTop = $("messages").scrollHeight; }

  function citationsHtml(citations) {
    if (!citations || !citations.length) { return ""; }
    var links = citations.map(function (c) {
      var parts = String(c.doc_id || "").split("#");
      var anchor = c.anchor || parts[1] || "";
      var href = "/help/" + encodeURIComponent(parts[0]) + (anchor ? "#" + encodeURIComponent(anchor) : "");
      var label = c.title + (c.section ? " §" + c.section : "");
      return '<a class="citation" target="_blank" rel="noopener" href="' + href + '">' + md.escapeHtml(label) + "</a>";
    });
    return '<div class="citations">Fuentes: ' + links.join(" · ") + "</div>";
  }

  // The reply already shows the preview (lines and totals); the card asks for consent.
  function previewCard(target, pending) {
    C.consentCard(target, pending.summary, [], function (approve) {
      return C.postJson("/api/v1/chat/confirm", {
        thread_id: threadId, confirmation_id: pending.id, approve: approve
      }).then(function (result) {
        showResult(bubble("assistant"), result);
        C.emit("books-changed");
      }, function (err) { bubble("error", md.escapeHtml(err.message)); });
    });
  }

  // A sync tool that ran in this turn (started, committed, asked about) hands its job
  // to the progress bar; the job id is in its arguments or in its one-line summary.
  function announceSyncJobs(result) {
    (result.actions || []).forEach(function (action) {
      if (String(action.tool || "").indexOf("sync_") !== 0 || action.status !== "ok") { return; }
      var id = action.args && action.args.job_id;
      var m = !id && SYNC_JOB.exec(action.summary || "");
      if (id || m) { C.emit("sync-job", { id: Number(id || m[1]) }); }
    });
  }

  function showResult(target, result) {
    threadId = result.thread_id || threadId;
    target.classList.remove("streaming");
    target.innerHTML = md.render(result.reply || "") + citationsHtml(result.citations);
    if (result.pending_confirmation) { previewCard(target, result.pending_confirmation); }
    announceSyncJobs(result);
    scrollDown();
  }

  function onFrame(target, frame, state) {
    var event = "", data = "";
    frame.split("\n").forEach(function (line) {
      if (line.indexOf("event: ") === 0) { event = line.slice(7); }
      if (line.indexOf("data: ") === 0) { data += line.slice(6); }
    });
    if (!event) { return; }
    var payload = JSON.parse(data || "{}");
    if (event === "token") {
      state.text += payload.text || "";
      target.innerHTML = md.render(state.text);
      scrollDown();
    } else if (event === "tool" && payload.phase === "start") {
      target.appendChild(C.el("div", "tool-note", "Consultando: " + payload.tool + "…"));
    } else if (event === "final") {
      showResult(target, payload.result);
    }
  }

  function send(message, uploadIds) {
    bubble("user", md.escapeHtml(message));
    var target = bubble("assistant streaming", "");
    var state = { text: "" };
    C.api("/api/v1/chat/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
      body: JSON.stringify({ thread_id: threadId, message: message, upload_ids: uploadIds || [] })
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (b) { target.className = "msg error"; target.textContent = C.errorText(b); });
      }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { target.classList.remove("streaming"); return; }
          buffer += decoder.decode(chunk.value, { stream: true });
          var frames = buffer.split("\n\n");
          buffer = frames.pop();
          frames.forEach(function (frame) { onFrame(target, frame, state); });
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      target.className = "msg error";
      target.textContent = "Se cortó la conexión con Cuadre; intenta de nuevo.";
    });
  }

  function upload(files) {
    files = Array.prototype.slice.call(files);
    if (files.some(function (f) { return SYNC_FILE.test(f.name); })) {
      C.emit("sync-files", { files: files });
      return;
    }
    var form = new FormData();
    files.forEach(function (f) { form.append("files", f, f.name); });
    $("attachments").textContent = "Subiendo " + files.length + " archivo(s)…";
    C.json("/api/v1/imports", { method: "POST", body: form }).then(function (body) {
      var found = body.inspection.documents_found;
      $("attachments").textContent = "Adjunto: " + body.files.join(", ") + " (" + found + " documento(s))";
      send("Revisa las facturas que me llegaron en este archivo", [body.upload_id]);
    }, function (err) { $("attachments").textContent = err.message; });
  }

  function loadBalance() {
    C.json("/api/v1/reports/trial-balance").then(function (tb) {
      if (!tb.rows) { return; }
      $("balance-summary").textContent = tb.summary;
      $("balance-table").querySelector("tbody").innerHTML = tb.rows.map(function (row) {
        return "<tr><td>" + md.escapeHtml(row.code) + "</td><td>" + md.escapeHtml(row.name) + "</td><td>" +
          C.money(row.opening) + "</td><td>" + C.money(row.debit) + "</td><td>" + C.money(row.credit) +
          "</td><td>" + C.money(row.closing) + "</td></tr>";
      }).join("");
    }, function () { /* the balance stays as it was; the chat reports errors */ });
  }

  function enter(session) {
    $("login").hidden = true;
    $("balance").hidden = false;
    $("panel").hidden = false;
    document.body.classList.add("with-panel");
    $("company-name").textContent = session.company_name || "";
    loadBalance();
    C.emit("session", session);
  }

  $("login-form").addEventListener("submit", function (e) {
    e.preventDefault();
    C.postJson("/api/v1/auth/login", { email: $("email").value, password: $("password").value })
      .then(enter, function (err) { $("login-error").textContent = err.message; });
  });
  $("chat-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = $("chat-input").value.trim();
    if (!text) { return; }
    $("chat-input").value = "";
    send(text, []);
  });
  $("chat-input").addEventListener("keydown", function (e) {
    // Enter sends, Shift+Enter breaks the line: the usual chat keyboard.
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("chat-form").requestSubmit(); }
  });
  $("nav-balance").addEventListener("click", function (e) { e.preventDefault(); loadBalance(); });
  C.on("books-changed", loadBalance);
  var drop = $("drop");
  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files.length) { upload(e.dataTransfer.files); }
  });
  $("file-input").addEventListener("change", function () {
    if (this.files.length) { upload(this.files); }
    this.value = "";
  });
  fetch("/api/v1/companies/me", { credentials: "same-origin" }).then(function (r) {
    if (r.ok) { return r.json().then(function (c) { enter({ company_name: c.name }); }); }
  });
})();
