// The kiosk at the centre: one person at a time, on every page it shows (templates/base.html).
// "Ferdig" (or a minute without a touch) forgets this person's "I'd join"s, places and receipt
// on the device and starts over on the kiosk's home page, leaving any half-filled form behind.
(() => {
  const form = document.getElementById("kiosk-done");
  if (!form) return;
  const idleMs = Number(form.dataset.idleMs || 60000);
  let timer;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => form.submit(), idleMs);
  };
  // "input" too: on-screen keyboards do not always send key events while someone types.
  for (const name of ["pointerdown", "keydown", "touchstart", "scroll", "input"]) {
    document.addEventListener(name, restart, { passive: true, capture: true });
  }
  restart();
})();
