// Size every LR Playground iframe on this page to the height it reports.
addEventListener('message', (e) => {
  if (!e.data || e.data.type !== 'lrplay:resize') return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === e.source) frame.style.height = e.data.height + 'px';
  }
});
