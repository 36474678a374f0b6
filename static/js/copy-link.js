// "Copy the link" on the receipt: copies the follow link; without JavaScript the field can be
// selected and copied by hand.
document.querySelectorAll("[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = button.dataset.copied || label;
      setTimeout(() => { button.textContent = label; }, 2500);
    } catch {
      field.select();
    }
  });
});
