// Sign-in and sign-up: the form post does the work; this only stops a second submit while the
// first is on its way (a double click would otherwise race two sign-ups with one email).
(() => {
  const forms = document.querySelectorAll("form.auth-form, form.auth-google");
  for (const form of forms) {
    form.addEventListener("submit", (event) => {
      const button = form.querySelector("button[type=submit]");
      if (!button) return;
      if (button.getAttribute("aria-disabled") === "true") {
        event.preventDefault();
        return;
      }
      button.dataset.label = button.textContent;
      button.setAttribute("aria-disabled", "true");
      if (form.dataset.busyText) button.textContent = form.dataset.busyText;
    });
  }

  // Back from the next page (back/forward cache): the buttons must work again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    for (const button of document.querySelectorAll("button[data-label]")) {
      button.textContent = button.dataset.label;
      button.removeAttribute("aria-disabled");
    }
  });
})();
