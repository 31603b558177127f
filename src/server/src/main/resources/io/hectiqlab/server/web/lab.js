// The lab's pages work without this script; it only adds two conveniences, no framework:
// - "Fold all" / "Unfold all" buttons above each [data-fold] container of <details> elements,
// - a counter for the compare form (form.compare): its "Compare" button is enabled only while
//   2 to 20 runs are ticked (data-min / data-max on the form override the limits).
(function () {
  "use strict";

  function foldControls(container) {
    var bar = document.createElement("div");
    bar.className = "fold-controls";
    [["Unfold all", true], ["Fold all", false]].forEach(function (pair) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = pair[0];
      b.addEventListener("click", function () {
        container.querySelectorAll("details").forEach(function (d) {
          d.open = pair[1];
        });
      });
      bar.appendChild(b);
    });
    container.parentNode.insertBefore(bar, container);
  }

  function compareCounter(form) {
    var min = parseInt(form.getAttribute("data-min") || "2", 10);
    var max = parseInt(form.getAttribute("data-max") || "20", 10);
    var button = form.querySelector("button[type=submit], input[type=submit]");
    if (!button) {
      return;
    }
    var status = document.createElement("span");
    status.className = "hint compare-count";
    status.setAttribute("aria-live", "polite");
    button.parentNode.insertBefore(status, button.nextSibling);
    function boxes() {
      return document.querySelectorAll(
        'input[type=checkbox][name=run][form="' + form.id + '"], form#' + CSS.escape(form.id) +
          " input[type=checkbox][name=run]");
    }
    function update() {
      var n = 0;
      boxes().forEach(function (b) {
        if (b.checked) {
          n++;
        }
      });
      button.disabled = n < min || n > max;
      status.textContent =
        n + " ticked" + (n < min ? " (tick at least " + min + ")" : n > max ? " (at most " + max + ")" : "");
    }
    document.addEventListener("change", function (e) {
      if (e.target && e.target.name === "run") {
        update();
      }
    });
    // a page restored by Back keeps its ticks: count them again
    window.addEventListener("pageshow", update);
    update();
  }

  document.querySelectorAll("[data-fold]").forEach(foldControls);
  document.querySelectorAll("form.compare").forEach(function (form) {
    if (!form.id) {
      form.id = "compare-form";
    }
    compareCounter(form);
  });
})();
