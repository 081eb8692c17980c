// "Quote" on a reply quotes the whole reply (?quote=<id>, no script needed).
// With this script, a passage of the reply selected before pressing it is
// quoted alone (&passage=): the server keeps it when the reply's text
// holds it, and quotes the whole reply otherwise.
(function () {
  "use strict";
  let chosen = "";
  const passageOf = (link) => {
    const post = link.closest("li[id^='post-']");
    const prose = post && post.querySelector(".prose");
    const sel = window.getSelection();
    if (!prose || !sel || sel.isCollapsed || !prose.contains(sel.anchorNode) || !prose.contains(sel.focusNode)) {
      return "";
    }
    return sel.toString().trim().slice(0, 2000);
  };
  // A press on the link can clear the selection before the click: keep it.
  document.addEventListener("mousedown", (e) => {
    const link = e.target.closest && e.target.closest("a.quote");
    chosen = link ? passageOf(link) : "";
  });
  document.addEventListener("click", (e) => {
    const link = e.target.closest && e.target.closest("a.quote");
    if (!link) {
      return;
    }
    const passage = passageOf(link) || chosen;
    chosen = "";
    const url = new URL(link.href, window.location.href);
    if (passage) {
      url.searchParams.set("passage", passage);
    } else {
      url.searchParams.delete("passage");
    }
    link.href = url.pathname + url.search + url.hash;
  });
})();
