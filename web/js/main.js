// The page's JavaScript starts here, once lrplay.js has the WebAssembly
// side running: the playground or embed.html when the page is one, then a
// chart in every data-lrplay element, and lrplay.mount for scripts.

import { connect } from './bridge.js';
import { mount, mountAll, startEmbed } from './embed.js';
import { prepareChart } from './chart.js';

// prepare runs while the wasm compiles: the playground's chart starts.
export function prepare() {
  if (document.body.dataset.page === 'playground') prepareChart(document.getElementById('chart'));
}

// start runs the page: fns are the wasm's functions, lrplay the published
// object (kinds is already there), to which mount is added. The
// playground's own modules are imported on the playground only.
export async function start(fns, lrplay) {
  connect(fns);
  lrplay.mount = mount;
  const page = document.body.dataset.page;
  if (page === 'playground') (await import('./playground.js')).startPlayground(lrplay.kinds());
  if (page === 'embed') startEmbed();
  mountAll();
  if (page === 'tutorial') {
    // Its charts are mounted and draw at the next frame: the loader's progress is done.
    const status = document.getElementById('status');
    if (status) status.hidden = true;
  }
}
