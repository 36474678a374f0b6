(() => {
  const doc = document.documentElement;
  if (doc.scrollWidth <= doc.clientWidth) return [];
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > doc.clientWidth + 1 && !el.parentElement.closest('.table-responsive')) {
      wide.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
    }
  }
  return [`page is ${doc.scrollWidth}px wide`, ...wide.slice(0, 3)];
})
