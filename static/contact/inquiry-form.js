// Inquiry forms in page bodies: those pages may be served from a shared cache,
// so the CSRF and one-time form tokens are fetched fresh for each visitor. The
// campaign (utm_*) fields get what site.js remembered of this visit.
(function () {
  "use strict";

  function fillCampaign(form) {
    form.querySelectorAll('input[name^="utm_"]').forEach(function (input) {
      if (input.value) return;
      try {
        input.value = window.sessionStorage.getItem(input.name) || "";
      } catch (error) {
        // Storage may be disabled; the campaign field then stays empty.
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

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-token-url]").forEach(enable);
    document.querySelectorAll("form.inquiry-form:not([data-token-url])").forEach(fillCampaign);
  });
})();
