// The generator: keeps the options to what the chosen model supports, prices every change with
// POST /api/generations/quote, starts the generation and follows it until it is done.

(() => {
  const form = document.getElementById("create-form");
  if (!form) return;
  const { api, announce, text, works } = window.aniforge;
  const config = JSON.parse(document.getElementById("create-config").textContent);
  const prefill = JSON.parse(document.getElementById("create-prefill").textContent);
  const fields = form.elements;
  const submit = form.querySelector("[data-testid='create-submit']");
  const quoteText = document.getElementById("credit-quote");
  const problem = document.getElementById("quote-problem");
  const topUp = document.getElementById("quote-topup");
  const result = document.getElementById("create-result");
  const statusLine = result.querySelector("[data-testid='generation-status']");
  const resultGrid = document.getElementById("create-results");
  const POLL_MS = 1500;
  const PRESETS = { style: "styles", scene: "scenes", outfit: "outfits", action: "actions" };

  let balance = Number(form.dataset.balance);
  let quote = null;
  let busy = false;

  const checkedValue = (name) => form.querySelector(`input[name='${name}']:checked`)?.value;
  const currentModel = () => config.models.find((m) => m.id === checkedValue("model"));

  /** Refills a select with the options the model allows, keeping the choice where it still fits. */
  function fill(name, options, fallback, emptyLabel) {
    const select = fields.namedItem(name);
    const previous = select.value;
    const choices =
      emptyLabel === undefined ? options : [{ value: "", label: emptyLabel }, ...options];
    select.replaceChildren(...choices.map((o) => new Option(o.label, o.value)));
    select.value = choices.some((o) => o.value === previous) ? previous : String(fallback ?? "");
  }

  function show(name, visible) {
    form.querySelector(`[data-field='${name}']`).hidden = !visible;
    fields.namedItem(name).disabled = !visible;
  }

  const plain = (values) => values.map((v) => ({ value: String(v), label: String(v) }));

  function applyModel() {
    const model = currentModel();
    const video = model.video;
    fill("aspectRatio", plain(model.aspectRatios), model.defaultAspectRatio);
    fill("count", plain(model.allowedCounts), model.allowedCounts[0]);
    show("count", model.allowedCounts.length > 1);
    const seconds = (video?.durations || []).map((d) => ({
      value: String(d),
      label: text("web.create.seconds", { count: d }),
    }));
    fill("duration", seconds, video?.defaultDuration);
    fill("quality", plain(video?.qualities || []), video?.defaultQuality);
    show("duration", Boolean(video));
    show("quality", Boolean(video));
    show("cameraMotion", Boolean(video?.cameraMotions));
    fields.prompt.maxLength = model.prompt.maxLength;
    document.getElementById("create-prompt-hint").textContent = text("web.create.promptHint", {
      max: model.prompt.maxLength,
    });
  }

  function applyType() {
    const type = checkedValue("type");
    for (const card of form.querySelectorAll(".model-card"))
      card.hidden = card.dataset.type !== type;
    if (currentModel()?.type !== type) {
      form.querySelector(`input[name='model'][data-type='${type}']`).checked = true;
    }
    for (const [field, list] of Object.entries(PRESETS)) {
      const options = config[list]
        .filter((p) => !p.appliesTo || p.appliesTo.includes(type))
        .map((p) => ({ value: p.id, label: p.name }));
      fill(field, options, "", text("web.create.none"));
    }
    applyModel();
  }

  /** The body of POST /api/generations (and of its quote) from the form as it stands. */
  function requestBody() {
    const model = currentModel();
    const body = {
      type: model.type,
      model: model.id,
      prompt: fields.prompt.value,
      count: Number(fields.count.value),
      aspectRatio: fields.aspectRatio.value,
      visibility: checkedValue("visibility") || "private",
    };
    if (model.video) {
      body.duration = Number(fields.duration.value);
      body.quality = fields.quality.value;
      if (model.video.cameraMotions && fields.cameraMotion.value) {
        body.cameraMotion = fields.cameraMotion.value;
      }
    }
    for (const field of Object.keys(PRESETS)) {
      if (fields[field].value) body[field] = fields[field].value;
    }
    if (fields.useReferences?.checked && prefill.referenceImages.length > 0) {
      body.referenceImages = prefill.referenceImages;
      if (prefill.imageMode) body.imageMode = prefill.imageMode;
    }
    return body;
  }

  // The quote sits in a live region: rewriting the same words would announce them again.
  function setText(element, value) {
    if (element.textContent !== value) element.textContent = value;
  }

  function updateSubmit() {
    const short = quote !== null && quote > balance;
    if (short) setText(problem, text("web.create.insufficient"));
    problem.hidden = !short && problem.textContent === "";
    topUp.hidden = !short;
    submit.disabled = busy || quote === null || short || fields.prompt.value.trim() === "";
  }

  let quoteTimer;
  let quoteRun = 0;
  async function runQuote() {
    const run = ++quoteRun;
    const body = requestBody();
    // The price never depends on the prompt: an empty one must not hide it.
    if (body.prompt.trim() === "") body.prompt = "-";
    try {
      const answer = await api("/api/generations/quote", { method: "POST", body });
      if (run !== quoteRun) return;
      quote = answer.credits;
      setText(quoteText, text("web.layout.credits", { count: quote }));
      problem.textContent = "";
    } catch (error) {
      if (run !== quoteRun) return;
      quote = null;
      setText(quoteText, "—");
      setText(problem, error.message);
    }
    updateSubmit();
  }
  function scheduleQuote() {
    clearTimeout(quoteTimer);
    quoteTimer = setTimeout(runQuote, 300);
    updateSubmit();
  }

  async function refreshBalance() {
    try {
      balance = (await api("/api/credits")).balance;
    } catch {
      return;
    }
    form.dataset.balance = String(balance);
    document.getElementById("create-balance").textContent = text("web.create.balance", {
      count: balance,
    });
    const pill = document.querySelector("[data-testid='header-credits']");
    if (pill) pill.textContent = text("web.layout.credits", { count: balance });
    updateSubmit();
  }

  function showStatus(generation) {
    statusLine.dataset.status = generation.status;
    statusLine.textContent = text(`web.create.status.${generation.status}`);
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  let tracking = 0;
  /** Follows statusUrl until the generation is finished; a newer submit takes over. */
  async function follow(created, ratio) {
    const run = ++tracking;
    let generation = created.generation;
    result.hidden = false;
    resultGrid.replaceChildren();
    showStatus(generation);
    let misses = 0;
    while (works.isRunning(generation.status)) {
      await sleep(POLL_MS);
      if (run !== tracking) return;
      try {
        generation = await api(created.statusUrl);
        misses = 0;
        showStatus(generation);
      } catch {
        misses += 1;
        if (misses >= 5) return announce(text("web.create.pollLost"), "error");
      }
    }
    if (generation.status === "succeeded") {
      resultGrid.replaceChildren(...works.resultItems(generation, ratio, true));
      announce(text("web.create.done"), "success");
    } else {
      announce(text("web.create.failedHint"), "error");
    }
    refreshBalance();
  }

  // A submit whose answer never arrived may still have been created: its retry reuses the key.
  let unanswered = null;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    const body = requestBody();
    const json = JSON.stringify(body);
    if (unanswered?.json !== json) unanswered = { json, key: crypto.randomUUID() };
    busy = true;
    updateSubmit();
    announce(text("web.create.submitting"));
    try {
      const created = await api("/api/generations", {
        method: "POST",
        body,
        idempotencyKey: unanswered.key,
      });
      unanswered = null;
      announce("");
      refreshBalance();
      follow(created, body.aspectRatio);
    } catch (error) {
      if (error.status && error.status < 500) unanswered = null;
      announce(error.message, "error");
    } finally {
      busy = false;
      updateSubmit();
    }
  });

  form.addEventListener("change", (event) => {
    if (event.target.name === "type") applyType();
    if (event.target.name === "model") applyModel();
    scheduleQuote();
  });
  fields.prompt.addEventListener("input", scheduleQuote);

  applyModel();
  runQuote();
})();
