// @-suggestions while writing. A textarea with data-mentions="URL" offers,
// once "@" and a letter are typed, the community's people matching what
// follows the "@" (from URL?q=…, see web/mentions.go): arrows choose, Enter
// or Tab inserts "@handle ", Escape closes. A textarea may not take the
// combobox role, so it keeps its own and follows the pattern with what a
// textbox allows: aria-autocomplete, aria-controls and aria-activedescendant
// pointing into a listbox, and a status line saying how many people match.
// Without this script the textarea is plain text, and a typed @handle still
// mentions the person.
(() => {
  "use strict";
  // A mention starts where markup/mention.go parses one: not after a
  // character of a word, an address or a path.
  const typed = /(?:^|[^A-Za-z0-9\-._@/\\])@([A-Za-z0-9-]{1,32})$/;
  let count = 0;

  function attach(area) {
    if (area.dataset.mentionsOn) return;
    area.dataset.mentionsOn = "1";
    const url = area.dataset.mentions;
    const id = "mentions-" + ++count;
    const list = document.createElement("ul");
    list.id = id;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "People to mention");
    list.hidden = true;
    const status = document.createElement("div");
    status.className = "sr";
    status.setAttribute("role", "status");
    area.after(list, status);
    area.parentElement.classList.add("mentions-host");
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", id);

    const found = new Map(); // answers by query, for this page's life
    let people = [], active = -1, start = -1, query = "", dismissed = "", timer = 0, asking = null;

    function close() {
      clearTimeout(timer);
      if (asking) asking.abort();
      asking = null;
      list.hidden = true;
      list.replaceChildren();
      area.removeAttribute("aria-activedescendant");
      people = [];
      active = -1;
    }

    function highlight(i) {
      active = i;
      [...list.children].forEach((li, j) => li.setAttribute("aria-selected", j === i ? "true" : "false"));
      area.setAttribute("aria-activedescendant", id + "-" + i);
      list.children[i].scrollIntoView({block: "nearest"});
    }

    function show(matches) {
      if (!matches.length) {
        close();
        status.textContent = "No one in this community matches @" + query + ".";
        return;
      }
      people = matches;
      list.replaceChildren(...matches.map((p, i) => {
        const li = document.createElement("li");
        li.id = id + "-" + i;
        li.setAttribute("role", "option");
        const handle = document.createElement("span");
        handle.className = "handle";
        handle.textContent = "@" + p.handle;
        li.append(p.name + " ", handle);
        li.addEventListener("click", () => insert(i));
        return li;
      }));
      list.hidden = false;
      highlight(0);
      status.textContent = matches.length + (matches.length === 1 ? " person matches" : " people match") +
        ": up and down arrows to choose, Enter to insert, Escape to close.";
    }

    function ask(q) {
      if (found.has(q)) return show(found.get(q));
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (asking) asking.abort();
        const ctl = asking = new AbortController();
        fetch(url + "?q=" + encodeURIComponent(q), {credentials: "same-origin", headers: {Accept: "application/json"}, signal: ctl.signal})
          .then(res => res.ok ? res.json() : {people: []})
          .then(body => {
            found.set(q, body.people || []);
            if (q === query && asking === ctl) show(found.get(q));
          })
          .catch(() => {}); // aborted, or offline: no suggestions, the text stays as typed
      }, 120);
    }

    // update looks at what is typed just before the caret.
    function update() {
      const m = area.selectionStart === area.selectionEnd && typed.exec(area.value.slice(0, area.selectionStart));
      if (!m) {
        dismissed = "";
        return close();
      }
      query = m[1].toLowerCase();
      start = area.selectionStart - m[1].length - 1;
      if (dismissed === start + ":" + query) return; // closed with Escape: stays closed until the text changes
      dismissed = "";
      ask(query);
    }

    function insert(i) {
      const text = "@" + people[i].handle + " ";
      area.setRangeText(text, start, area.selectionStart, "end");
      close();
      area.focus();
      area.dispatchEvent(new Event("input", {bubbles: true}));
    }

    area.addEventListener("input", update);
    area.addEventListener("click", update);
    area.addEventListener("blur", close);
    area.addEventListener("keyup", e => {
      if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) update();
    });
    area.addEventListener("keydown", e => {
      if (list.hidden || !people.length) return;
      switch (e.key) {
      case "ArrowDown": highlight((active + 1) % people.length); break;
      case "ArrowUp": highlight((active - 1 + people.length) % people.length); break;
      case "Enter": case "Tab": insert(active); break;
      case "Escape": dismissed = start + ":" + query; close(); status.textContent = ""; break;
      default: return;
      }
      e.preventDefault();
    });
    list.addEventListener("mousedown", e => e.preventDefault()); // keeps the focus in the text
  }

  const attachAll = root => root.querySelectorAll("textarea[data-mentions]").forEach(attach);
  attachAll(document);
  document.addEventListener("htmx:load", e => attachAll(e.detail.elt.parentElement || document));
})();
