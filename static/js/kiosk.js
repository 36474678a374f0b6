// The kiosk at the centre: one person at a time. "Ferdig" (or a minute without a touch)
// forgets this person's "I'd join"s on the device and starts over for the next person.
(() => {
  const form = document.getElementById("kiosk-done");
  if (!form) return;
  const idleMs = Number(form.dataset.idleMs || 60000);
  let timer;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => form.submit(), idleMs);
  };
  for (const name of ["pointerdown", "keydown", "touchstart", "scroll"]) {
    document.addEventListener(name, restart, { passive: true });
  }
  restart();
})();
