/* Medical words defined on tap, click or keyboard (issue 17).

   The pages mark each glossary word as <abbr title="definition">: from the components
   (class b12-term, with data-term, its glossary id) and from Markdown's abbr extension
   in prose. A title shows only to a mouse pointer, so each marked word in the content
   becomes a disclosure: a button (the word itself) with aria-expanded, controlling the
   definition shown just after it, with a link to the word's glossary entry. Enter or
   Space opens and closes it, Escape closes it and returns to the word. Without
   JavaScript, and in print and the PDFs, the <abbr> stays as it was. */
(function () {
  "use strict";
  var count = 0;

  function slug(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function glossary() {
    var holder = document.querySelector("[data-b12-glossary]");
    return holder ? holder.getAttribute("data-b12-glossary") : null;
  }

  function toggle(button, open) {
    var box = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    box.hidden = !open;
  }

  function enhance(abbr, page) {
    var word = abbr.textContent;
    var definition = abbr.getAttribute("title");
    var id = "b12-def-" + (++count);
    var wrap = document.createElement("span");
    wrap.className = "b12-def";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "b12-def__term";
    button.textContent = word;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", id);
    var box = document.createElement("span");
    box.className = "b12-def__box";
    box.id = id;
    box.hidden = true;
    var text = document.createElement("span");
    text.className = "b12-def__text";
    text.textContent = definition;
    box.appendChild(text);
    if (page) {
      var link = document.createElement("a");
      link.className = "b12-def__link";
      link.href = page + "#term-" + (abbr.getAttribute("data-term") || slug(word));
      link.textContent = word + " in the glossary";
      box.appendChild(document.createTextNode(" "));
      box.appendChild(link);
    }
    wrap.appendChild(button);
    wrap.appendChild(box);
    button.addEventListener("click", function () {
      toggle(button, button.getAttribute("aria-expanded") !== "true");
    });
    wrap.addEventListener("keydown", function (ev) {
      if ((ev.key === "Escape" || ev.key === "Esc") && !box.hidden) {
        toggle(button, false);
        button.focus();
        ev.preventDefault();
      }
    });
    abbr.replaceWith(wrap);
  }

  function ready() {
    var page = glossary();
    document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
      /* Not where a button cannot go: inside a link, a button or a summary. */
      if (abbr.closest("a, button, summary, label")) return;
      enhance(abbr, page);
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(ready);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
