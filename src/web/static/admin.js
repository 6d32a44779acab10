// Admin actions: each is a plain form that posts to its page route without JS; here the same
// form goes to the JSON API and the page shows the result in place.

(() => {
  const { api, announce, text } = window.aniforge;
  const BADGE = { normal: "badge", banned: "badge danger", featured: "badge ok" };

  const field = (form, name) => form.elements.namedItem(name)?.value ?? "";

  /** A page of the current list with a result notice rendered by the server. */
  function reloadWith(done) {
    const url = new URL(window.location.href);
    url.searchParams.set("done", done);
    window.location.assign(url.toString());
  }

  function costBody(form) {
    const note = field(form, "note").trim();
    return {
      month: field(form, "month"),
      platform: field(form, "platform"),
      amount: Number(field(form, "amount")),
      currency: field(form, "currency"),
      note: note === "" ? null : note,
    };
  }

  function showModeration(form, status) {
    const item = form.closest("[data-testid=moderation-item]");
    const badge = item?.querySelector("[data-testid=moderation-status]");
    if (badge) {
      badge.textContent = text(`web.admin.moderation.status.${status}`);
      badge.className = BADGE[status] || "badge";
      badge.dataset.status = status;
    }
    for (const button of form.querySelectorAll("button[name=status]"))
      button.setAttribute("aria-pressed", button.value === status ? "true" : "false");
    announce(
      text("web.admin.moderation.saved", { status: text(`web.admin.moderation.status.${status}`) }),
      "success",
    );
  }

  const actions = {
    async retry(form) {
      const answer = await api(form.dataset.api, { method: "POST", body: {} });
      announce(text(`web.admin.gen.done.${answer.outcome}`), "success");
      if (answer.outcome === "late_success") form.remove();
    },
    async refund(form) {
      const answer = await api(form.dataset.api, {
        method: "POST",
        body: { reason: field(form, "reason").trim() },
      });
      announce(text(`web.admin.gen.done.${answer.status}`), "success");
      form.remove();
    },
    async "cost-create"(form) {
      await api(form.dataset.api, { method: "POST", body: costBody(form) });
      reloadWith("created");
    },
    async "cost-update"(form) {
      await api(form.dataset.api, { method: "PATCH", body: costBody(form) });
      reloadWith("updated");
    },
    async moderate(form, submitter) {
      const status = submitter?.value;
      if (!status) return;
      const answer = await api(form.dataset.api, { method: "POST", body: { status } });
      showModeration(form, answer.moderationStatus);
    },
  };

  for (const form of document.querySelectorAll("form[data-admin-action]")) {
    const run = actions[form.dataset.adminAction];
    if (!run) continue;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const buttons = form.querySelectorAll("button");
      for (const button of buttons) button.disabled = true;
      form.setAttribute("aria-busy", "true");
      announce(text("web.admin.working"), "info");
      try {
        await run(form, event.submitter);
      } catch (error) {
        announce(error.message, "error");
      } finally {
        for (const button of buttons) button.disabled = false;
        form.removeAttribute("aria-busy");
      }
    });
  }
})();
