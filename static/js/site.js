// Progressive enhancement only: without this script "Menu" is a link to the
// menu panel (templates/components/site_header.html).
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

  // The script is deferred: it runs once the page is parsed, perhaps after the
  // first paint, so each change below swaps like for like and nothing moves.
  var link = document.querySelector(".menu-toggle--link");
  var toggle = document.querySelector(".menu-toggle--button");
  var panel = document.getElementById("site-menu");
  if (toggle && panel) {
    if (link) link.hidden = true;
    toggle.hidden = false;

    var setOpen = function (open, moveFocus) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      panel.classList.toggle("is-open", open);
      if (open && moveFocus) {
        var first = panel.querySelector("a");
        if (first) first.focus();
      }
    };

    // "Menu" tapped before the script arrived: the panel is open as the target.
    if (window.location.hash === "#site-menu") setOpen(true, false);
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true", true);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false, false);
        toggle.focus();
      }
    });
  }

  // On phones the call bar sits over the bottom of the screen: it steps aside
  // while another phone link (the page's own call button, the footer, 911 or
  // 988) is in view, so it never covers one.
  var bar = document.querySelector(".call-button--header");
  if (bar && "IntersectionObserver" in window) {
    var inView = new Set();
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) inView.add(entry.target);
        else inView.delete(entry.target);
      });
      bar.classList.toggle("call-button--aside", inView.size > 0);
    });
    Array.prototype.forEach.call(
      document.querySelectorAll('main a[href^="tel:"], footer a[href^="tel:"]'),
      function (phoneLink) { observer.observe(phoneLink); }
    );
  }
})();

// Menu sections: without this script every section's links are listed (on wide
// screens, on hover or focus); with it each list folds behind its button (the
// disclosure pattern), opened on phones for the section the visitor is in. The
// button keeps one name; aria-expanded says whether its list is shown.
(function () {
  "use strict";
  var buttons = document.querySelectorAll(".menu__expand");
  // On wide screens the lists open over the page, so none starts open there.
  var wide = window.matchMedia("(min-width: 48rem)").matches;
  Array.prototype.forEach.call(buttons, function (button) {
    var list = document.getElementById(button.getAttribute("aria-controls"));
    if (!list) return;
    var section = button.parentNode.querySelector(".menu__link");
    var open = !wide && !!(section && section.hasAttribute("aria-current"));

    function render() {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      list.hidden = !open;
    }

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
