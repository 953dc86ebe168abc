// Counting without trackers (insights app): one small POST to this site for a
// page view, a tap on a phone number and the start of a form. It sends the
// page, the path (never the query string), the campaign tags this tab arrived
// with (remembered by site.js), whether a Google ad link brought it, and the
// referring site's domain. No cookie, no identifier, nothing kept in storage
// beyond this tab. Nothing is sent when the browser asks not to be tracked.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon || !window.URLSearchParams) return;
  if (navigator.globalPrivacyControl === true) return;
  if (navigator.doNotTrack === "1" || window.doNotTrack === "1") return;
  var endpoint = script.getAttribute("data-endpoint");
  var pageId = script.getAttribute("data-page");
  if (!endpoint || !pageId) return;

  var query = new URLSearchParams(window.location.search);
  function remembered(name) {
    try {
      return window.sessionStorage.getItem(name) || "";
    } catch (error) {
      return "";
    }
  }
  function remember(name) {
    try {
      window.sessionStorage.setItem(name, "1");
    } catch (error) {
      // Storage disabled: this tab's later pages do not know it.
    }
  }
  if (query.has("gclid")) remember("insights-gclid");

  var referrer = "";
  try {
    var from = document.referrer ? new URL(document.referrer).hostname : "";
    if (from !== window.location.hostname) referrer = from;
  } catch (error) {
    referrer = "";
  }

  function send(event, extra) {
    var data = new URLSearchParams();
    data.set("page", pageId);
    data.set("path", window.location.pathname);
    data.set("event", event);
    ["utm_source", "utm_medium", "utm_campaign"].forEach(function (name) {
      data.set(name, (query.get(name) || remembered(name)).slice(0, 100));
    });
    data.set("gclid", query.has("gclid") || remembered("insights-gclid") ? "1" : "0");
    data.set("ref", referrer);
    Object.keys(extra || {}).forEach(function (name) {
      data.set(name, extra[name]);
    });
    try {
      navigator.sendBeacon(endpoint, data);
    } catch (error) {
      // A refused beacon is a visit not counted, nothing more.
    }
  }

  send("view");

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="tel:"]');
    if (!link) return;
    var number = link.getAttribute("href").slice(4).replace(/[^0-9+]/g, "");
    if (number) send("call", { phone: number });
  });

  // The first answer typed into a form on this page; an insurance
  // verification is counted once per tab, not again on each of its steps.
  var started = {};
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form.inquiry-form");
    if (!form) return;
    var kind = form.classList.contains("verify-form") ? "insurance_start" : "inquiry_start";
    if (started[kind]) return;
    started[kind] = true;
    if (kind === "insurance_start") {
      if (remembered("insights-insurance-started")) return;
      remember("insights-insurance-started");
    }
    send(kind);
  });
})();
