// Account page: every action is a plain form post; this adds a confirmation before revoking
// a key, a copy button for a new key's secret, and guards against double submits.
(() => {
  const { announce, guardSubmit, text } = window.aniforge;

  for (const button of document.querySelectorAll("button[data-confirm]")) {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  }

  for (const form of document.querySelectorAll(".account form")) {
    guardSubmit(form, text("web.account.working"));
  }

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
