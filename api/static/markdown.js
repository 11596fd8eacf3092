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
  function render(markdown) {
    var blocks = [], list = [], para = [];
    function flush() {
      if (para.length) { blocks.push("<p>" + inline(para.join(" ")) + "</p>"); para = []; }
      if (list.length) {
        blocks.push("<ul>" + list.map(function (i) { return "<li>" + inline(i) + "</li>"; }).join("") + "</ul>");
        list = [];
      }
    }
    markdown.split("\n").forEach(function (line) {
      var item = line.match(/^\s*(?:[-*•]|\d+\.)\s+(.*)$/);
      if (item) { if (para.length) { flush(); } list.push(item[1]); }
      else if (!line.trim()) { flush(); }
      else { if (list.length) { flush(); } para.push(line.trim()); }
    });
    flush();
    return blocks.join("");
  }
  window.CuadreMarkdown = { render: render, escapeHtml: escapeHtml };
})();
