// The side panel: login, streamed chat (SSE over fetch), previews with consent,
// DIAN file drop, and the host page's trial balance. No build step, no dependencies.
(function () {
  "use strict";
  var md = window.CuadreMarkdown;
  var $ = function (id) { return document.getElementById(id); };
  var threadId = "panel";
  var pendingUploads = [];

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)cuadre_csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function api(path, options) {
    options = options || {};
    options.credentials = "same-origin";
    options.headers = Object.assign({ "X-CSRF-Token": csrf() }, options.headers || {});
    return fetch(path, options);
  }
  function errorText(body) {
    return (body && body.error && body.error.message) || "Algo salió mal; intenta de nuevo.";
  }
  function money(value) {
    var n = Number(value);
    var text = Math.abs(n).toLocaleString("es-CO", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return (n < 0 ? "-$ " : "$ ") + text;
  }

  function bubble(role, html) {
    var div = document.createElement("div");
    div.className = "msg " + role;
    div.innerHTML = html || "";
    $("messages").appendChild(div);
    $("messages").scrollTop = $("messages").scrollHeight;
    return div;
  }

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
    var card = document.createElement("div");
    card.className = "preview";
    card.innerHTML = "<p>" + md.escapeHtml(pending.summary || "") + "</p>" +
      '<div class="actions"><button class="approve">Confirmar</button><button class="cancel">Cancelar</button></div>';
    card.querySelector(".approve").addEventListener("click", function () { decide(card, pending, true); });
    card.querySelector(".cancel").addEventListener("click", function () { decide(card, pending, false); });
    target.appendChild(card);
  }

  function decide(card, pending, approve) {
    card.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    api("/api/v1/chat/confirm", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ thread_id: threadId, confirmation_id: pending.id, approve: approve })
    }).then(function (r) { return r.json().then(function (b) { return [r, b]; }); })
      .then(function (rb) {
        if (!rb[0].ok) { bubble("error", md.escapeHtml(errorText(rb[1]))); return; }
        showResult(bubble("assistant"), rb[1]);
        loadBalance();
      });
  }

  function showResult(target, result) {
    threadId = result.thread_id || threadId;
    target.classList.remove("streaming");
    target.innerHTML = md.render(result.reply || "") + citationsHtml(result.citations);
    if (result.pending_confirmation) { previewCard(target, result.pending_confirmation); }
    scrollDown();
  }
  function scrollDown() { $("messages").scrollTop = $("messages").scrollHeight; }

  function send(message, uploadIds) {
    bubble("user", md.escapeHtml(message));
    var target = bubble("assistant streaming", "");
    var streamed = "";
    api("/api/v1/chat/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "text/event-stream" },
      body: JSON.stringify({ thread_id: threadId, message: message, upload_ids: uploadIds || [] })
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (b) { target.className = "msg error"; target.textContent = errorText(b); });
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
          frames.forEach(function (frame) {
            var event = "", data = "";
            frame.split("\n").forEach(function (line) {
              if (line.indexOf("event: ") === 0) { event = line.slice(7); }
              if (line.indexOf("data: ") === 0) { data += line.slice(6); }
            });
            if (!event) { return; }
            var payload = JSON.parse(data || "{}");
            if (event === "token") {
              streamed += payload.text || "";
              target.innerHTML = md.render(streamed);
              scrollDown();
            } else if (event === "tool" && payload.phase === "start") {
              var note = document.createElement("div");
              note.className = "tool-note";
              note.textContent = "Consultando: " + payload.tool + "…";
              target.appendChild(note);
            } else if (event === "final") {
              showResult(target, payload.result);
            }
          });
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
    var form = new FormData();
    Array.prototype.forEach.call(files, function (f) { form.append("files", f, f.name); });
    $("attachments").textContent = "Subiendo " + files.length + " archivo(s)…";
    api("/api/v1/imports", { method: "POST", body: form })
      .then(function (r) { return r.json().then(function (b) { return [r, b]; }); })
      .then(function (rb) {
        if (!rb[0].ok) { $("attachments").textContent = errorText(rb[1]); return; }
        var found = rb[1].inspection.documents_found;
        $("attachments").textContent = "Adjunto: " + rb[1].files.join(", ") + " (" + found + " documento(s))";
        send("Revisa las facturas que me llegaron en este archivo", [rb[1].upload_id]);
      });
  }

  function loadBalance() {
    api("/api/v1/reports/trial-balance").then(function (r) { return r.json(); }).then(function (tb) {
      if (!tb.rows) { return; }
      $("balance-summary").textContent = tb.summary;
      $("balance-table").querySelector("tbody").innerHTML = tb.rows.map(function (row) {
        return "<tr><td>" + md.escapeHtml(row.code) + "</td><td>" + md.escapeHtml(row.name) + "</td><td>" +
          money(row.opening) + "</td><td>" + money(row.debit) + "</td><td>" + money(row.credit) +
          "</td><td>" + money(row.closing) + "</td></tr>";
      }).join("");
    });
  }

  function enter(session) {
    $("login").hidden = true;
    $("balance").hidden = false;
    $("panel").hidden = false;
    $("company-name").textContent = session.company_name || "";
    loadBalance();
  }

  $("login-form").addEventListener("submit", function (e) {
    e.preventDefault();
    fetch("/api/v1/auth/login", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: $("email").value, password: $("password").value })
    }).then(function (r) { return r.json().then(function (b) { return [r, b]; }); })
      .then(function (rb) {
        if (!rb[0].ok) { $("login-error").textContent = errorText(rb[1]); return; }
        enter(rb[1]);
      });
  });
  $("chat-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = $("chat-input").value.trim();
    if (!text) { return; }
    $("chat-input").value = "";
    send(text, []);
  });
  $("nav-balance").addEventListener("click", function (e) { e.preventDefault(); loadBalance(); });
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
  });
  fetch("/api/v1/companies/me", { credentials: "same-origin" }).then(function (r) {
    if (r.ok) { return r.json().then(function (c) { enter({ company_name: c.name }); }); }
  });
})();
