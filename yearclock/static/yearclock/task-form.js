// The task form's "When" (yearclock.admin_rule): show only the chosen rule's fields,
// mark the ones it needs, and refresh the server-rendered preview of its dates.
// A static file with no inline handlers, so it runs under a strict CSP.
(function () {
  "use strict";

  function setUp(panel) {
    var form = panel.closest("form");
    var rule = form && form.querySelector("[name=rule]");
    if (!rule) return;
    var fields = JSON.parse(panel.getAttribute("data-yearclock-rule"));
    var required = JSON.parse(panel.getAttribute("data-yearclock-rule-required"));
    var all = {};
    Object.keys(fields).forEach(function (kind) {
      fields[kind].forEach(function (name) { all[name] = true; });
    });

    function wrapperOf(name) {
      var input = form.querySelector("[name=" + name + "]");
      return input && input.closest(".w-panel__wrapper");
    }

    function showRule() {
      var shown = fields[rule.value] || [];
      var needed = required[rule.value] || [];
      Object.keys(all).forEach(function (name) {
        var wrapper = wrapperOf(name);
        if (!wrapper) return;
        wrapper.hidden = shown.indexOf(name) < 0;
        var label = wrapper.querySelector(".w-field__label");
        var mark = label && label.querySelector("[data-yearclock-mark]");
        var input = form.querySelector("[name=" + name + "]");
        if (needed.indexOf(name) >= 0) {
          input.setAttribute("aria-required", "true");
          if (label && !mark && !label.querySelector(".w-required-mark")) {
            mark = document.createElement("span");
            mark.className = "w-required-mark";
            mark.setAttribute("data-yearclock-mark", "");
            mark.textContent = "*";
            label.appendChild(mark);
          }
        } else if (mark) {
          mark.remove();
          input.removeAttribute("aria-required");
        }
      });
    }

    var preview = panel.querySelector("[data-yearclock-preview]");
    var body = preview && preview.querySelector("[data-yearclock-preview-body]");
    var names = preview ? JSON.parse(preview.getAttribute("data-fields")) : [];
    var timer = null;
    var asked = 0;

    function refresh() {
      var params = new URLSearchParams();
      names.forEach(function (name) {
        form.querySelectorAll("[name=" + name + "]").forEach(function (input) {
          if ((input.type === "checkbox" || input.type === "radio") && !input.checked) return;
          params.append(name, input.value);
        });
      });
      var mine = ++asked;
      fetch(preview.getAttribute("data-url") + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          // Only the answer to the latest change is shown.
          if (mine === asked && data.html !== undefined) body.innerHTML = data.html;
        })
        .catch(function () { /* the last preview stays; saving still validates */ });
    }

    function changed(event) {
      var name = event.target && event.target.name;
      if (name === "rule") showRule();
      if (!body || names.indexOf(name) < 0) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 300);
    }

    form.addEventListener("change", changed);
    form.addEventListener("input", changed);
    showRule();
  }

  // A list of checkboxes (yearclock.admin_form.SearchableCheckboxes) narrowed by a
  // search box; checked choices always stay in view.
  function setUpChoices(box) {
    var search = box.querySelector("[data-yearclock-choices-search]");
    var none = box.querySelector("[data-yearclock-choices-none]");
    if (!search || box.hasAttribute("data-ready")) return;
    box.setAttribute("data-ready", "");
    search.hidden = false;
    var items = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]"));

    function narrow() {
      var words = search.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (input) {
        var row = input.closest("div, li") || input.parentNode;
        var text = (input.closest("label") || row).textContent.toLocaleLowerCase();
        var match = input.checked || words.every(function (word) {
          return text.indexOf(word) >= 0;
        });
        row.hidden = !match;
        if (match) shown += 1;
      });
      none.hidden = shown > 0;
    }

    search.addEventListener("input", narrow);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // not a submit of the task
    });
  }

  function start() {
    document.querySelectorAll("[data-yearclock-rule]").forEach(setUp);
    document.querySelectorAll("[data-yearclock-choices]").forEach(setUpChoices);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
