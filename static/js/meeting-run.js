// Running a house meeting on a tablet: save an item's summary, decision or follow-up in place,
// without reloading the page or losing the place in the agenda. Without JavaScript the same
// forms post and come back to the item, so this only makes it smoother.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains("js-inplace")) return;
  const card = form.closest(".run-item");
  if (!card) return;
  event.preventDefault();
  const buttons = form.querySelectorAll("button");
  buttons.forEach((button) => { button.disabled = true; });
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Fragment": "item" },
      credentials: "same-origin",
    });
    // The card comes back with 200, with the messages next to the fields when something is
    // wrong; anything else (signed out, a server error) falls back to the plain form post.
    if (response.status !== 200) throw new Error(String(response.status));
    const html = await response.text();
    const fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".run-item");
    if (!fresh) throw new Error("no fragment");
    card.replaceWith(fresh);
    const target =
      fresh.querySelector("input.is-invalid, select.is-invalid, textarea.is-invalid") ||
      fresh.querySelector(".outcome-choices.is-invalid input") ||
      fresh.querySelector(".run-item-title");
    if (target) target.focus();
  } catch {
    buttons.forEach((button) => { button.disabled = false; });
    form.submit(); // the plain form post
  }
});
