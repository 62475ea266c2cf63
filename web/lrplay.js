// LR Playground's loader: it fetches the WebAssembly bridge with progress,
// starts it, and publishes window.lrplay. Everything else happens in Go.
'use strict';
(() => {
  const script = document.currentScript;
  const lrplay = (window.lrplay = window.lrplay || {});
  let resolveReady, rejectReady;
  lrplay.ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });

  // The Go side returns an Error value instead of throwing across the
  // wasm boundary; these wrappers throw it.
  lrplay._connect = (bridge) => {
    for (const [name, fn] of Object.entries(bridge)) {
      lrplay[name] = (...args) => {
        const result = fn(...args);
        if (result instanceof Error) throw result;
        return result;
      };
    }
    delete lrplay._connect;
    resolveReady(lrplay);
  };

  const status = document.getElementById('status');
  const say = (text, failed) => {
    if (!status) return;
    status.textContent = text;
    status.hidden = false;
    status.classList.toggle('failed', Boolean(failed));
  };
  const fail = (text) => {
    say(text, true);
    rejectReady(new Error(text));
  };

  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiateStreaming !== 'function') {
    fail('LR Playground needs WebAssembly, which this browser does not offer (or has turned off). Try a current Firefox, Chrome, Safari or Edge.');
    return;
  }
  if (typeof Go !== 'function') {
    fail('LR Playground could not start: wasm_exec.js did not load.');
    return;
  }

  const url = new URL('lrplay.wasm', script.src);
  const mb = (bytes) => (bytes / 1e6).toFixed(1) + ' MB';

  // Count bytes as they arrive. Content-Length is only the size we will
  // read when nothing was compressed on the way.
  const withProgress = (response) => {
    const total = response.headers.get('Content-Encoding') ? 0 : Number(response.headers.get('Content-Length')) || 0;
    let loaded = 0;
    const reader = response.body.getReader();
    const stream = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          say('Compiling…');
          controller.close();
          return;
        }
        loaded += value.byteLength;
        say(total ? `Loading… ${Math.round((100 * loaded) / total)}% of ${mb(total)}` : `Loading… ${mb(loaded)}`);
        controller.enqueue(value);
      },
    });
    return new Response(stream, { headers: { 'Content-Type': 'application/wasm' } });
  };

  say('Loading…');
  const go = new Go();
  fetch(url)
    .then((response) => {
      if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
      return WebAssembly.instantiateStreaming(response.body ? withProgress(response) : response, go.importObject);
    })
    .then(({ instance }) => {
      say('Starting…');
      go.run(instance).then(() => fail('LR Playground stopped unexpectedly; reload the page.'));
    })
    .catch((err) => fail(`LR Playground could not load: ${err.message}`));
})();
