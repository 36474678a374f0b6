// Show the "Print" buttons (they need JavaScript) and print when pressed.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
