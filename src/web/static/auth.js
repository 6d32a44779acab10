// Sign-in and sign-up: the form post does the work; this only stops a second submit while the
// first is on its way (a double click would otherwise race two sign-ups with one email).
(() => {
  for (const form of document.querySelectorAll("form.auth-form, form.auth-google")) {
    form.addEventListener("submit", (event) => {
      const button = form.querySelector("button[type=submit]");
      if (!button) return;
      if (button.getAttribute("aria-disabled") === "true") {
        event.preventDefault();
        return;
      }
      button.setAttribute("aria-disabled", "true");
      const busy = form.dataset.busyText;
      if (busy) button.textContent = busy;
    });
  }
})();
