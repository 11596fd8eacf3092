// Shared helpers of the side panel: the session-aware fetch, JSON with errors in
// Spanish, money formatting, tiny DOM builders and the consent card. Every other
// script reads them from window.Cuadre; none of them needs a build step.
(function () {
  "use strict";
  var md = window.CuadreMarkdown;

  // Ledger document kinds as a person names them (plural, for counts).
  var KIND_ES = {
    sales_invoice: "facturas de venta", purchase_invoice: "facturas de compra",
    support_document: "documentos soporte", credit_note: "notas crédito",
    debit_note: "notas débito", adjustment_note: "notas de ajuste"
  };

  /** A help reference ("sync-dian#pagos" or "/help/...") as the panel's help URL. */
  function helpHref(ref) {
    ref = String(ref || "");
    if (ref.charAt(0) === "/") { return ref; }
    var parts = ref.split("#");
    return "/help/" + encodeURIComponent(parts[0]) + (parts[1] ? "#" + encodeURIComponent(parts[1]) : "");
  }

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)cuadre_csrf=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  /** fetch with the session cookie and the CSRF header the API expects on writes. */
  function api(path, options) {
    options = options || {};
    options.credentials = "same-origin";
    options.headers = Object.assign({ "X-CSRF-Token": csrf() }, options.headers || {});
    return fetch(path, options);
  }

  function errorText(body) {
    return (body && body.error && body.error.message) || "Algo salió mal; intenta de nuevo.";
  }

  /** Resolves with the parsed body; rejects with an Error whose message is Spanish. */
  function json(path, options) {
    return api(path, options).catch(function () {
      throw new Error("Se cortó la conexión con Cuadre; intenta de nuevo.");
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          var err = new Error(errorText(body));
          err.status = r.status;
          throw err;
        }
        return body;
      });
    });
  }

  function postJson(path, body) {
    return json(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body || {})
    });
  }

  function money(value) {
    var n = Number(value);
    var text = Math.abs(n).toLocaleString("es-CO", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return (n < 0 ? "-$ " : "$ ") + text;
  }

  /** 2025-03-10 -> 10/03/2025 (dates travel as ISO strings). */
  function day(iso) {
    if (!iso) { return ""; }
    var p = String(iso).slice(0, 10).split("-");
    return p.length === 3 ? p[2] + "/" + p[1] + "/" + p[0] : String(iso);
  }

  /** An element with a class and text (text, never HTML: user data stays inert). */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function button(label, className, onClick) {
    var b = el("button", className, label);
    b.type = "button";
    if (onClick) { b.addEventListener("click", onClick); }
    return b;
  }

  /**
   * The consent card used everywhere a write needs a yes: the summary, optional
   * detail nodes, then Confirmar / Cancelar. `decide(approve)` returns a promise.
   */
  function consentCard(target, summary, extra, decide) {
    var card = el("div", "preview");
    card.setAttribute("role", "group");
    card.setAttribute("aria-label", "Confirmación");
    card.appendChild(el("p", "", summary || ""));
    (extra || []).forEach(function (node) { card.appendChild(node); });
    var actions = el("div", "actions");
    var yes = button("Confirmar", "approve");
    var no = button("Cancelar", "cancel");
    function choose(approve) {
      yes.disabled = true;
      no.disabled = true;
      Promise.resolve(decide(approve)).catch(function (err) {
        card.appendChild(el("p", "error", err.message)).setAttribute("role", "alert");
      });
    }
    yes.addEventListener("click", function () { choose(true); });
    no.addEventListener("click", function () { choose(false); });
    actions.appendChild(yes);
    actions.appendChild(no);
    card.appendChild(actions);
    target.appendChild(card);
    yes.focus();
    return card;
  }

  /** Tell the other scripts something happened (sync job started, books changed...). */
  function emit(name, detail) {
    document.dispatchEvent(new CustomEvent("cuadre:" + name, { detail: detail || {} }));
  }
  function on(name, handler) {
    document.addEventListener("cuadre:" + name, function (e) { handler(e.detail || {}); });
  }

  window.Cuadre = {
    md: md,
    $: function (id) { return document.getElementById(id); },
    api: api,
    json: json,
    postJson: postJson,
    errorText: errorText,
    money: money,
    KIND_ES: KIND_ES,
    helpHref: helpHref,
    day: day,
    el: el,
    button: button,
    consentCard: consentCard,
    emit: emit,
    on: on
  };
})();
