// Sign-in and sign-up: the form post does the work; this only stops a second submit while the
// first is on its way (a double click would otherwise race two sign-ups with one email).
(() => {
  for (const form of document.querySelectorAll("form.auth-form, form.auth-google")) {
    window.aniforge.guardSubmit(form, form.dataset.busyText);
  }
})();
