// Account page: every action is a plain form post; this adds a confirmation before revoking
// a key, a copy button for a new key's secret, and guards against double submits.
(() => {
  const { announce, text } = window.aniforge;

  for (const button of document.querySelectorAll("button[data-confirm]")) {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  }

  for (const form of document.querySelectorAll(".account form")) {
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
      button.textContent = text("web.account.working");
    });
  }

  // Back from Stripe or another page (back/forward cache): the buttons must work again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    for (const button of document.querySelectorAll("button[data-label]")) {
      button.textContent = button.dataset.label;
      button.removeAttribute("aria-disabled");
    }
  });

  const secret = document.querySelector("[data-testid=api-key-secret]");
  const copy = document.querySelector(".copy-secret");
  if (secret && copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      await navigator.clipboard.writeText(secret.textContent || "");
      announce(text("web.account.keys.copied"), "success");
    });
  }
})();
