// Inquiry forms in page bodies: those pages may be served from a shared cache,
// so the CSRF and one-time form tokens are fetched fresh for each visitor. The
// campaign (utm_*) parameters of the visit are remembered for this tab only
// (sessionStorage, no cookie) so an inquiry sent a few pages later keeps them.
(function () {
  "use strict";
  var UTM = ["utm_source", "utm_medium", "utm_campaign"];

  function rememberCampaign() {
    try {
      var params = new URLSearchParams(window.location.search);
      UTM.forEach(function (name) {
        var value = params.get(name);
        if (value) window.sessionStorage.setItem(name, value.slice(0, 100));
      });
    } catch (error) {
      // Storage may be disabled; campaign fields then stay empty.
    }
  }

  function fillCampaign(form) {
    UTM.forEach(function (name) {
      var input = form.querySelector('input[name="' + name + '"]');
      if (!input || input.value) return;
      try {
        input.value = window.sessionStorage.getItem(name) || "";
      } catch (error) {
        input.value = "";
      }
    });
  }

  function enable(form) {
    fillCampaign(form);
    var url = form.getAttribute("data-token-url");
    if (!url) return;
    window
      .fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("token request failed");
        return response.json();
      })
      .then(function (tokens) {
        form.querySelector('input[name="csrfmiddlewaretoken"]').value = tokens.csrfToken;
        form.querySelector('input[name="form_token"]').value = tokens.formToken;
        form.hidden = false;
        var fallback = form.parentNode.querySelector(".inquiry-block__fallback");
        if (fallback) fallback.hidden = true;
      })
      .catch(function () {
        // The link to the contact page stays as the way to send an inquiry.
      });
  }

  rememberCampaign();
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-token-url]").forEach(enable);
    document.querySelectorAll("form.inquiry-form:not([data-token-url])").forEach(fillCampaign);
  });
})();
