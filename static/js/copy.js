// Copy buttons: <button data-copy="field-id" hidden> copies that field's value.
// A static file (the Content Security Policy allows no inline script); without
// script the button stays hidden and the field can still be selected by hand.
(function () {
  "use strict";
  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field) return;
    function done(ok) {
      if (status) status.textContent = ok ? button.getAttribute("data-copied") : button.getAttribute("data-copy-failed");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { done(true); }, function () { field.select(); done(false); });
    } else {
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      done(ok);
    }
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
  // The year clock's print button: window.print() needs script, so it appears only with it.
  document.querySelectorAll("button.print-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
