// The library page's behaviour, and what the create page shares with it (loaded there too,
// before create.js): drawing a generation's results and the publish toggles.

(() => {
  const { api, announce, text } = window.aniforge;
  const THUMB_WIDTH = 320;
  const ALT_LENGTH = 120;
  const BADGE = {
    pending: "badge warn",
    processing: "badge warn",
    succeeded: "badge ok",
    failed: "badge danger",
  };
  const isRunning = (status) => status === "pending" || status === "processing";

  function altText(prompt) {
    const chars = [...prompt];
    return chars.length > ALT_LENGTH ? `${chars.slice(0, ALT_LENGTH - 1).join("")}…` : prompt;
  }

  /** Width and height attributes: the media's own size, else the requested ratio. */
  function sizeOf(element, ratio, width, height) {
    let [w, h] = width && height ? [width, height] : (ratio || "").split(":").map(Number);
    if (!w || !h) [w, h] = [1, 1];
    element.width = THUMB_WIDTH;
    element.height = Math.round((THUMB_WIDTH * h) / w);
  }

  function visibilityToggle(type, uuid, visibility) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "visibility-toggle js-only";
    button.dataset.testid = "visibility-toggle";
    button.dataset.type = type;
    button.dataset.uuid = uuid;
    button.setAttribute("aria-pressed", visibility === "public" ? "true" : "false");
    button.textContent = text("web.create.publicToggle");
    return button;
  }

  function figure(media, type, work) {
    const item = document.createElement("figure");
    item.className = "result-item";
    item.dataset.testid = "result-item";
    item.append(media, visibilityToggle(type, work.uuid, work.visibility));
    return item;
  }

  /**
   * One figure per result of a generation (the API's Generation shape). `eager` for results
   * the reader is waiting for: lazy images below the fold would stay blank until scrolled to.
   */
  function resultItems(generation, ratio, eager = false) {
    const alt = altText(generation.prompt);
    const images = generation.images.map((image) => {
      const link = document.createElement("a");
      link.href = image.url;
      const img = document.createElement("img");
      img.src = image.url;
      img.alt = alt;
      img.decoding = "async";
      img.loading = eager ? "eager" : "lazy";
      sizeOf(img, ratio, image.width, image.height);
      link.append(img);
      return figure(link, "image", image);
    });
    const videos = generation.videos.map((video) => {
      const player = document.createElement("video");
      player.controls = true;
      player.preload = "metadata";
      player.src = video.url;
      if (video.posterUrl) player.poster = video.posterUrl;
      player.setAttribute("aria-label", alt);
      sizeOf(player, video.ratio || ratio);
      return figure(player, "video", video);
    });
    return [...images, ...videos];
  }

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-testid='visibility-toggle']");
    if (!button || button.disabled) return;
    const visibility = button.getAttribute("aria-pressed") === "true" ? "private" : "public";
    button.disabled = true;
    try {
      const result = await api(`/api/artworks/${button.dataset.type}/${button.dataset.uuid}`, {
        method: "PATCH",
        body: { visibility },
      });
      button.setAttribute("aria-pressed", result.visibility === "public" ? "true" : "false");
    } catch (error) {
      announce(error.message, "error");
    } finally {
      button.disabled = false;
    }
  });

  window.aniforge.works = { resultItems, isRunning };

  const page = document.querySelector(".library-page");
  if (!page) return;

  // The server wrote UTC (it cannot know the reader's zone); the browser does.
  const dates = new Intl.DateTimeFormat(document.documentElement.lang, {
    dateStyle: "medium",
    timeStyle: "short",
  });
  for (const time of page.querySelectorAll("time[datetime]")) {
    time.textContent = dates.format(new Date(time.getAttribute("datetime")));
  }

  /** Redraws an item from a fresh GET /api/generations/:uuid. */
  function update(item, generation) {
    item.dataset.status = generation.status;
    const badge = item.querySelector("[data-role='status']");
    badge.className = BADGE[generation.status];
    badge.textContent = text(`web.create.status.${generation.status}`);
    if (isRunning(generation.status)) return;
    item.querySelector("[data-testid='refresh-generation']")?.remove();
    const grid = item.querySelector(".result-grid");
    if (grid.children.length === 0) grid.append(...resultItems(generation, item.dataset.ratio));
    if (generation.status === "failed" && !item.querySelector(".refund-note")) {
      const note = document.createElement("p");
      note.className = "hint refund-note";
      note.textContent = text("web.library.refunded");
      item.querySelector(".library-actions").before(note);
    }
  }

  const refresh = async (item) =>
    update(item, await api(`/api/generations/${encodeURIComponent(item.dataset.uuid)}`));

  async function remove(item, button) {
    // The first click arms the button; a second one within a few seconds deletes.
    if (button.dataset.armed !== "true") {
      button.dataset.armed = "true";
      button.dataset.label = button.textContent;
      button.textContent = text("web.library.confirmDelete");
      setTimeout(() => {
        if (!button.isConnected) return;
        button.dataset.armed = "false";
        button.textContent = button.dataset.label;
      }, 5000);
      return;
    }
    button.disabled = true;
    try {
      await api(`/api/generations/${encodeURIComponent(item.dataset.uuid)}`, { method: "DELETE" });
      item.remove();
      announce(text("web.library.deleted"), "success");
    } catch (error) {
      // Already gone (deleted in another tab): the list just catches up.
      if (error.status === 404) item.remove();
      announce(error.message, "error");
      button.disabled = false;
    }
  }

  page.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-testid]");
    const item = button?.closest("[data-testid='library-item']");
    if (!item) return;
    if (button.dataset.testid === "delete-generation") await remove(item, button);
    if (button.dataset.testid === "refresh-generation") {
      button.disabled = true;
      try {
        await refresh(item);
      } catch (error) {
        announce(error.message, "error");
      } finally {
        button.disabled = false;
      }
    }
  });

  // Items still running are polled for a while, slower as time passes, so a page left open
  // settles without hammering the API.
  let delay = 3000;
  async function poll() {
    const running = [...page.querySelectorAll("[data-testid='library-item']")].filter((item) =>
      isRunning(item.dataset.status),
    );
    if (running.length === 0 || delay > 60000) return;
    await Promise.allSettled(running.map(refresh));
    delay = Math.round(delay * 1.3);
    setTimeout(poll, delay);
  }
  setTimeout(poll, delay);
})();
