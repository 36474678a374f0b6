(() => {
  const small = [];
  for (const svg of document.querySelectorAll('svg.chart-svg')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue;
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < 11.95 || text.textContent.includes('…')) {
        small.push(`${svg.getAttribute('aria-labelledby').split(' ')[0]}: "${text.textContent.trim().slice(0, 30)}" ${size.toFixed(1)}px`);
        break;
      }
    }
  }
  return small;
})
