// Enhancements only: every page works without JavaScript.

// Copy buttons: say what happened (in a live region), then reset so a second copy is announced.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  const label = button.dataset.label || button.textContent;
  button.dataset.label = label;
  const status = document.getElementById(button.getAttribute("aria-describedby") || "");
  const say = (words) => {
    button.textContent = words;
    if (status) status.textContent = words;
    clearTimeout(button.resetTimer);
    button.resetTimer = setTimeout(() => {
      button.textContent = label;
      if (status) status.textContent = "";
    }, 4000);
  };
  const text = source.value ?? source.textContent.trim();
  navigator.clipboard.writeText(text).then(
    () => say("Copied"),
    () => { if (source.select) source.select(); say("Press Ctrl+C to copy"); },
  );
});

// Compare: previous / next change, by button and by j/k or n/p (no modifier, not while typing;
// screen readers in browse mode keep these keys for themselves, and readers can turn them off).
(() => {
  const nav = document.querySelector("[data-change-nav]");
  const changes = Array.from(document.querySelectorAll("[data-change]"));
  if (!nav || !(changes.length || nav.dataset.before || nav.dataset.after)) return;
  nav.hidden = false;
  const position = nav.querySelector("[data-change-position]");
  const toggle = nav.querySelector("[data-keys-toggle]");
  let keysOn = localStorage.getItem("peaceplans-keys") !== "off";
  const showToggle = () => {
    toggle.textContent = keysOn ? "Turn keys off" : "Turn keys on";
    toggle.setAttribute("aria-pressed", String(keysOn));
  };
  showToggle();
  toggle.addEventListener("click", () => {
    keysOn = !keysOn;
    localStorage.setItem("peaceplans-keys", keysOn ? "on" : "off");
    showToggle();
  });
  const current = () => {
    const hash = decodeURIComponent(location.hash.slice(1));
    const index = changes.findIndex((row) => row.id === hash);
    if (index >= 0) return index;
    // Otherwise the first change below the top of the window, minus one.
    const below = changes.findIndex((row) => row.getBoundingClientRect().top > 80);
    return below < 0 ? changes.length - 1 : below - 1;
  };
  const go = (step) => {
    // Past this page's first or last change: on to the page that holds the next one.
    const wanted = current() + step;
    const away = wanted < 0 ? nav.dataset.before : wanted >= changes.length ? nav.dataset.after : "";
    if (away) {
      location.href = away;
      return;
    }
    const next = Math.min(changes.length - 1, Math.max(0, wanted));
    const row = changes[next];
    changes.forEach((r) => r.classList.toggle("current", r === row));
    history.replaceState(null, "", "#" + row.id);
    row.scrollIntoView({ block: "start" });
    const link = row.querySelector(".rowhead a");
    if (link) link.focus({ preventScroll: true });
    position.textContent = `Change ${next + 1} of ${changes.length}`;
  };
  nav.addEventListener("click", (event) => {
    const button = event.target.closest("[data-step]");
    if (button) go(Number(button.dataset.step));
  });
  document.addEventListener("keydown", (event) => {
    if (!keysOn || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (event.target.closest("input, select, textarea, [contenteditable]")) return;
    const step = { j: 1, n: 1, k: -1, p: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    go(step);
  });
})();
