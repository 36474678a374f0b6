(() => {
  // Every chart that is shown: its text at least 12 px, no label cut ("…" or past the chart's
  // edge), and the chart itself inside the window with no box around it that scrolls sideways.
  const problems = [];
  const width = document.documentElement.clientWidth;
  for (const svg of document.querySelectorAll('svg.chart-svg')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) continue;
    const name = svg.getAttribute('aria-labelledby').split(' ')[0];
    if (box.left < -0.5 || box.right > width + 0.5) {
      problems.push(`${name}: the chart is ${Math.round(box.width)}px wide, past the window's ${width}px`);
      continue;
    }
    let scroller = svg.parentElement;
    while (scroller && scroller.scrollWidth <= scroller.clientWidth + 1) scroller = scroller.parentElement;
    if (scroller && scroller !== document.documentElement && scroller !== document.body) {
      problems.push(`${name}: scrolls sideways inside ${scroller.tagName.toLowerCase()}.${[...scroller.classList].join('.')}`);
      continue;
    }
    const view = svg.viewBox.baseVal;
    const scale = box.width / view.width;
    for (const text of svg.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      const edge = text.getBBox();
      const cut = text.textContent.includes('…') || edge.x < view.x - 0.5
        || edge.x + edge.width > view.x + view.width + 0.5;
      if (size < 11.95 || cut) {
        problems.push(`${name}: "${text.textContent.trim().slice(0, 30)}" ${size.toFixed(1)}px${cut ? ', cut' : ''}`);
        break;
      }
    }
  }
  return problems;
})
