// Progressive enhancement only: without this script the menu is simply open.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  // A family often reads a few pages before writing: the campaign (utm_*)
  // parameters they arrived with are remembered for this tab only
  // (sessionStorage, no cookie), and the inquiry form sends them along.
  try {
    new URLSearchParams(window.location.search).forEach(function (value, name) {
      if (/^utm_(source|medium|campaign)$/.test(name) && value) {
        window.sessionStorage.setItem(name, value.slice(0, 100));
      }
    });
  } catch (error) {
    // Storage may be disabled; campaign fields then stay empty.
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) return;
    toggle.hidden = false;

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
      if (open) {
        var first = menu.querySelector("a");
        if (first) first.focus();
      }
    }

    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  });
})();

// Menu sections: without this script every section's links are listed; with it
// each list folds behind a Show/Hide button (the disclosure pattern), opened
// for the section the visitor is in.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll(".menu__expand");
    Array.prototype.forEach.call(buttons, function (button) {
      var list = document.getElementById(button.getAttribute("aria-controls"));
      if (!list) return;
      var label = button.querySelector(".visually-hidden");
      var name = label ? label.textContent.replace(/: show links$/, "") : "";
      var section = button.parentNode.querySelector(".menu__link");
      // On wide screens the lists open over the page, so none starts open there.
      var wide = window.matchMedia("(min-width: 48rem)").matches;
      var open = !wide && !!(section && section.hasAttribute("aria-current"));

      function render() {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        list.hidden = !open;
        if (label) label.textContent = name + (open ? ": hide links" : ": show links");
      }

      button.hidden = false;
      render();
      button.addEventListener("click", function () {
        open = !open;
        render();
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && open && wide) {
          open = false;
          render();
          button.focus();
        }
      });
      // A click anywhere else closes an open list on wide screens, so only one
      // list covers the page at a time.
      document.addEventListener("click", function (event) {
        if (open && wide && !button.parentNode.contains(event.target)) {
          open = false;
          render();
        }
      });
      // A click anywhere else closes an open list on wide screens, so only one
      // list covers the page at a time.
      document.addEventListener("click", function (event) {
        if (open && wide && !button.parentNode.contains(event.target)) {
          open = false;
          render();
        }
      });
    });
  });
})();

// A form sent back with errors: move focus to the first field in error, so a
// keyboard or screen-reader user lands on it and hears its label and message
// (the message is the field's aria-describedby). Without this script the error
// summary at the top of the form still lists every error with a link.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var field = document.querySelector("form .field--error");
    if (!field) return;
    var control = field.querySelector("input:not([type=hidden]), textarea, select");
    if (control) control.focus();
  });
})();
