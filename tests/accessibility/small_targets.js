(() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    if (el.closest('.visually-hidden, .visually-hidden-focusable, [hidden], .d-none, [aria-hidden=true]')) continue;
    let box = el;
    if (el.matches('input[type=checkbox], input[type=radio]')) box = el.closest('.form-check, label') || el;
    const r = box.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    if (el.tagName === 'A' && style.display === 'inline') {
      let block = el.parentElement;
      while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
      if (block && block.textContent.trim().length > el.textContent.trim().length + 3) continue;
    }
    if (r.width < 43.5 || r.height < 43.5) {
      small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.value || el.name || '').trim().slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return small;
})
