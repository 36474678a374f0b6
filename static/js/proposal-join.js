// "I'd join" without reloading the page. Without JavaScript the forms post and redirect back,
// so this only makes it smoother: it sends the same form and swaps in the updated box.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains("join-form")) return;
  const box = form.closest(".join-box");
  if (!box) return;
  event.preventDefault();
  const button = form.querySelector("button");
  if (button) button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Fragment": "proposal" },
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(String(response.status));
    const html = await response.text();
    const fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".join-box");
    if (!fresh) throw new Error("no fragment");
    box.replaceWith(fresh);
    const focusTarget = fresh.querySelector("button");
    if (focusTarget) focusTarget.focus();
  } catch {
    form.submit();  // fall back to the plain form post
  }
});
