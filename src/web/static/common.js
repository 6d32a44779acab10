// Shared behaviour of every page: the JSON API client, the locale switcher's auto-submit,
// and the live region that announces results. Loaded first (defer keeps the order).

(() => {
  document.documentElement.classList.add("js");

  /** Calls the JSON API; resolves with the body, rejects with the API's localised message. */
  async function api(path, options = {}) {
    const init = {
      method: options.method || "GET",
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    };
    if (options.body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    if (options.idempotencyKey) init.headers["Idempotency-Key"] = options.idempotencyKey;
    const response = await fetch(path, init);
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!response.ok) {
      const error = new Error(body?.error?.message || `HTTP ${response.status}`);
      error.status = response.status;
      error.code = body?.error?.code;
      error.details = body?.error?.details;
      throw error;
    }
    return body;
  }

  /** Writes a message into the page's live region (or a given element). */
  function announce(message, kind = "info", target) {
    const region = target || document.getElementById("flash");
    if (!region) return;
    region.textContent = message;
    region.className = `notice ${kind === "error" ? "error" : kind === "success" ? "success" : ""}`;
  }

  /** A message from the page's server-rendered catalogue (data-i18n JSON block). */
  function text(key, params) {
    const block = document.getElementById("i18n");
    const messages = block ? JSON.parse(block.textContent || "{}") : {};
    let template = messages[key] || key;
    if (params)
      for (const [name, value] of Object.entries(params))
        template = template.replace(`{${name}}`, String(value));
    return template;
  }

  /**
   * Stops a second submit of a form post while the first is on its way (a double click would
   * otherwise race two identical requests); the button says it is working.
   */
  function guardSubmit(form, busyText) {
    form.addEventListener("submit", (event) => {
      if (event.defaultPrevented) return;
      const button = form.querySelector("button[type=submit]");
      if (!button) return;
      if (button.getAttribute("aria-disabled") === "true") {
        event.preventDefault();
        return;
      }
      button.dataset.label = button.textContent;
      button.setAttribute("aria-disabled", "true");
      if (busyText) button.textContent = busyText;
    });
  }

  // Back to a page from the back/forward cache: its guarded buttons must work again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    for (const button of document.querySelectorAll("button[data-label]")) {
      button.textContent = button.dataset.label;
      button.removeAttribute("aria-disabled");
    }
  });

  for (const select of document.querySelectorAll(".locale-form select")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }

  window.aniforge = { api, announce, text, guardSubmit };
})();
