/* Print support: show the article's Print button (hidden without JavaScript) and open
   every <details> block while printing, so FAQ answers appear on paper. */
(function () {
  "use strict";
  function ready() {
    document.querySelectorAll("[data-b12-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (el) {
      el.open = true;
      opened.push(el);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (el) { el.open = false; });
    opened = [];
  });
  if (typeof document$ !== "undefined") {
    document$.subscribe(ready);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
