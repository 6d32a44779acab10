// Gallery pages: like/favorite through the JSON API instead of the no-JS form posts, and
// infinite scroll on the "more" link. Cards are built with DOM APIs (text nodes only), the same
// markup the server renders in src/web/pages/gallery/work-card.tsx.

(() => {
  const root = document.querySelector("[data-gallery]");
  if (!root || !window.aniforge) return;
  const { api, announce, text } = window.aniforge;
  const signedIn = root.dataset.signedIn === "1";
  const here = () => location.pathname + location.search;
  const signIn = () => location.assign(`/sign-in?next=${encodeURIComponent(here())}`);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {}))
      if (value !== null && value !== undefined) node.setAttribute(name, String(value));
    node.append(...children);
    return node;
  }

  function setButton(form, kind, on, count) {
    const button = form.querySelector(`button[name="${kind}"]`);
    if (!button) return;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.value = on ? "off" : "on";
    const counter = button.querySelector(`[data-testid="${kind}-count"]`);
    if (counter) counter.textContent = String(count);
  }

  root.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("reactions")) return;
    event.preventDefault();
    if (!signedIn) return signIn();
    const button = event.submitter;
    const work = form.closest("[data-uuid]");
    if (!button || !work || button.disabled) return;
    const on = button.getAttribute("aria-pressed") !== "true";
    button.disabled = true;
    try {
      const path = `/api/community/artworks/${work.dataset.type}/${work.dataset.uuid}/${button.name}`;
      const state = await api(path, { method: on ? "POST" : "DELETE" });
      // Only the clicked button: an answer for the other one may still be on its way.
      if (button.name === "like") setButton(form, "like", state.liked, state.likeCount);
      else setButton(form, "favorite", state.favorited, state.favoriteCount);
    } catch (error) {
      if (error.status === 401) return signIn();
      announce(error.message, "error");
    } finally {
      button.disabled = false;
    }
  });

  function reaction(kind, on, count) {
    return el(
      "button",
      {
        type: "submit",
        name: kind,
        value: on ? "off" : "on",
        "aria-pressed": on ? "true" : "false",
        "data-testid": `${kind}-button`,
      },
      el("span", { class: "visually-hidden" }, text(`web.gallery.${kind}`)),
      el("span", { "data-testid": `${kind}-count` }, String(count)),
    );
  }

  function excerpt(prompt) {
    return prompt.length > 120 ? `${prompt.slice(0, 120).trimEnd()}…` : prompt;
  }

  function card(item) {
    const known = item.width && item.height;
    const cover = el(
      "a",
      { class: "cover", href: `/a/${item.type}/${item.uuid}` },
      el("img", {
        src: item.thumbnailUrl || item.coverUrl,
        alt: excerpt(item.prompt),
        width: known ? item.width : 480,
        height: known ? item.height : 600,
        loading: "lazy",
        decoding: "async",
      }),
    );
    if (item.type === "video")
      cover.append(el("span", { class: "play" }, text("web.gallery.video")));
    const form = el(
      "form",
      { class: "reactions", method: "post", action: `/a/${item.type}/${item.uuid}/react` },
      reaction("like", item.liked === true, item.likeCount),
      reaction("favorite", item.favorited === true, item.favoriteCount),
    );
    const meta = el(
      "div",
      { class: "work-meta" },
      el("a", { href: `/u/${item.author.id}` }, item.author.displayName),
      form,
    );
    return el(
      "article",
      { class: "work", "data-testid": "work-card", "data-type": item.type, "data-uuid": item.uuid },
      cover,
      meta,
    );
  }

  function withCursor(path, cursor) {
    const url = new URL(path, location.origin);
    url.searchParams.set("cursor", cursor);
    return url.pathname + url.search;
  }

  const more = root.querySelector('[data-testid="more-link"]');
  const grid = root.querySelector(".works");
  if (!more || !grid || !("IntersectionObserver" in window)) return;
  let loading = false;
  const observer = new IntersectionObserver(
    async (entries) => {
      if (loading || !entries.some((entry) => entry.isIntersecting)) return;
      loading = true;
      more.setAttribute("aria-busy", "true");
      try {
        const page = await api(more.dataset.api);
        for (const item of page.items)
          if (!grid.querySelector(`[data-uuid="${item.uuid}"]`)) grid.append(card(item));
        if (page.nextCursor) {
          more.href = withCursor(more.getAttribute("href"), page.nextCursor);
          more.dataset.api = withCursor(more.dataset.api, page.nextCursor);
          // Observe afresh: if the link is still in view after the append, load again.
          observer.unobserve(more);
          observer.observe(more);
        } else {
          observer.disconnect();
          more.closest(".more")?.remove();
        }
      } catch {
        // The plain link still works: stop scrolling in and let the reader click it.
        observer.disconnect();
        announce(text("web.gallery.loadFailed"), "error");
      } finally {
        loading = false;
        more.removeAttribute("aria-busy");
      }
    },
    { rootMargin: "800px 0px" },
  );
  observer.observe(more);
})();
