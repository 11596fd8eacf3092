// A tiny, safe Markdown renderer: everything is escaped first, then a few patterns
// (bold, italics, code, lists, paragraphs, [Título §Sección] citations) become tags.
(function () {
  "use strict";
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function inline(text) {
    var out = escapeHtml(text);
    out = out.replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");
    out = out.replace(/(^|[^*])\*(?!\s)(.+?)\*/g, "$1<em>$2</em>");
    out = out.replace(/`([^`]+)`/g, "<code>$1</code>");
    return out;
  }
  function tableHtml(rows) {
    var cells = function (row) { return row.replace(/^\s*\|/, "").replace(/\|\s*$/, "").split("|"); };
    var body = rows.filter(function (r) { return !/^\s*\|?[\s:|-]+\|?\s*$/.test(r); });
    if (!body.length) { return ""; }  // a table still arriving token by token
    var head = cells(body[0]).map(function (c) { return "<th>" + inline(c.trim()) + "</th>"; }).join("");
    var rest = body.slice(1).map(function (r) {
      return "<tr>" + cells(r).map(function (c) { return "<td>" + inline(c.trim()) + "</td>"; }).join("") + "</tr>";
    }).join("");
    return "<table><thead><tr>" + head + "</tr></thead><tbody>" + rest + "</tbody></table>";
  }
  function render(markdown) {
    var blocks = [], list = [], para = [], table = [];
    function flush() {
      if (table.length) { blocks.push(tableHtml(table)); table = []; }
      if (para.length) { blocks.push("<p>" + inline(para.join(" ")) + "</p>"); para = []; }
      if (list.length) {
        blocks.push("<ul>" + list.map(function (i) { return "<li>" + inline(i) + "</li>"; }).join("") + "</ul>");
        list = [];
      }
    }
    markdown.split("\n").forEach(function (line) {
      var item = line.match(/^\s*(?:[-*•]|\d+\.)\s+(.*)$/);
      if (/^\s*\|/.test(line)) { if (para.length || list.length) { flush(); } table.push(line); }
      else if (item) { if (para.length || table.length) { flush(); } list.push(item[1]); }
      else if (table.length && line.trim()) { flush(); para.push(line.trim()); }
      else if (!line.trim()) { flush(); }
      else { if (list.length) { flush(); } para.push(line.trim()); }
    });
    flush();
    return blocks.join("");
  }
  window.CuadreMarkdown = { render: render, escapeHtml: escapeHtml };
})();
