// Autocomplete for the header search box: the ARIA 1.2 combobox pattern with a listbox.
// Without JavaScript the box is a plain search form.
(function () {
  "use strict";
  var form = document.querySelector(".search-box[data-suggest-url]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var list = form.querySelector("[role=listbox]");
  var status = form.querySelector("[role=status]");
  var active = -1;
  var items = [];
  var timer = null;
  var request = 0;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function announce(count) {
    var text = count === 0 ? status.dataset.none : count === 1 ? status.dataset.one : status.dataset.many + ": " + count;
    status.textContent = text;
  }

  function render(results) {
    items = results;
    list.textContent = "";
    results.forEach(function (result, i) {
      var option = document.createElement("li");
      option.id = "site-search-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = result.title;
      if (result.kind) {
        var kind = document.createElement("span");
        kind.className = "search-box__kind";
        kind.textContent = " – " + result.kind;
        option.appendChild(kind);
      }
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.assign(result.url);
      });
      list.appendChild(option);
    });
    announce(results.length);
    if (results.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
    active = -1;
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query.length < 2) {
      close();
      return;
    }
    var mine = ++request;
    fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (mine === request) render(data.results || []); })
      .catch(function () { close(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden && items.length;
    if (event.key === "ArrowDown") {
      if (!open) { fetchSuggestions(); return; }
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      window.location.assign(items[active].url);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
