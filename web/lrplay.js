// LR Playground's loader, a classic script that works with defer on any
// page, ours included (they load nothing else). It costs a page a few KB
// until there is a chart to draw: it starts when the page is one of ours,
// when an element with a data-lrplay attribute is in the page (at once or
// added later), or when a script reads lrplay.ready or calls lrplay.mount.
// Then, at once and side by side, it fetches the WebAssembly side with
// progress (the playground's, with its tools, playground.wasm; on any
// other page the one for embedding, lrplay.wasm), the page's modules
// (js/*.js), and ECharts, Go's wasm_exec.js and our stylesheet when the
// page has not; then it starts the wasm and publishes window.lrplay:
// evaluate, kinds, mount and the promise ready. The modules (js/main.js
// first) draw a chart in every element with a data-lrplay attribute, now
// and when more are added, and run our own pages. Until then it sizes the
// page's embed.html iframes to the height they report and tells them the
// page's colour scheme.
'use strict';
(() => {
  const doc = document; // the page's, held for the callbacks that run later
  const script = doc.currentScript;
  const base = new URL('.', script.src); // our other files sit beside this one
  const lrplay = (window.lrplay = window.lrplay || {});
  if (Object.getOwnPropertyDescriptor(lrplay, 'ready')) return; // loaded twice: the first one runs the show
  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {}); // failures are shown on the page; a caller may still await
  let started = false;
  // A script that asks for lrplay.ready wants LR Playground: reading it starts it.
  Object.defineProperty(lrplay, 'ready', {
    configurable: true,
    enumerable: true,
    get() {
      start();
      return ready;
    },
  });
  // lrplay.mount before the modules run starts them and mounts once ready
  // (main.js puts the real one in its place).
  lrplay.mount = (element, config) => {
    start();
    ready.then(() => lrplay.mount(element, config)).catch((err) => console.error(`lrplay.mount: ${err.message}`));
  };

  // Start on our own pages at once; on another page once it holds a
  // data-lrplay element, when the browser is idle after the page's own
  // scripts (a page that React hydrates is hydrated first).
  const hasChart = () => Boolean(doc.querySelector('[data-lrplay]'));
  const soon = () => {
    if (started) return;
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 200 });
    else setTimeout(start, 50);
  };
  const look = () => {
    if (doc.body && ['playground', 'tutorial', 'embed'].includes(doc.body.dataset.page)) start();
    else if (hasChart()) soon();
  };
  const appear = new MutationObserver(() => {
    if (started) appear.disconnect();
    else if (doc.readyState !== 'loading' && hasChart()) {
      appear.disconnect();
      soon();
    }
  });
  appear.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-lrplay'] });
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', look, { once: true });
  else look();

  // The parent's side of embed.html: size each frame to the height it
  // reports, and tell it the colour scheme of the page around the frame,
  // now and when the page switches (js/theme.js, a few KB, loaded then).
  // Each report is answered (a frame that loads anew asks again).
  const frameDark = new WeakMap(); // frame → the page's scheme around it, once known
  const tell = (frame) => {
    if (frame.contentWindow && frameDark.has(frame)) {
      frame.contentWindow.postMessage({ type: 'lrplay:theme', theme: frameDark.get(frame) ? 'dark' : 'light' }, '*');
    }
  };
  let theme = null;
  addEventListener('message', (e) => {
    if (!e.data || e.data.type !== 'lrplay:resize' || !e.source) return;
    const frame = [...doc.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
    const height = Number(e.data.height);
    if (!frame || !(height >= 0 && height < 1e5)) return;
    frame.style.height = `${height}px`;
    if (frameDark.has(frame)) {
      tell(frame);
      return;
    }
    theme = theme || import(new URL('js/theme.js', base).href);
    theme.then((t) => {
      if (frameDark.has(frame)) return;
      frameDark.set(frame, t.watchTheme('', frame, (dark) => {
        frameDark.set(frame, dark);
        tell(frame);
      }));
      tell(frame);
    }, () => {}); // the frame stays light
  });

  function start() {
    if (started) return;
    started = true;
    appear.disconnect();
    load();
  }

  // load starts LR Playground.
  function load() {
    // The Go side returns an Error value instead of throwing across the
    // wasm boundary; these wrappers throw it.
    const throwing = (fn) => (...args) => {
      const result = fn(...args);
      if (result instanceof Error) throw result;
      return result;
    };
    let connected;
    const wasmConnected = new Promise((resolve) => {
      connected = resolve;
    });
    // Go's main hands over its functions here.
    lrplay._connect = (fns) => {
      delete lrplay._connect;
      lrplay.evaluate = throwing(fns.evaluate);
      const kinds = throwing(fns.kinds);
      lrplay.kinds = () => JSON.parse(kinds());
      connected(fns);
    };

    // Progress and failures go to #status on our pages, and into each chart's
    // element on a page that only has data-lrplay elements.
    const status = doc.getElementById('status');
    const say = (text, failed) => {
      if (status) {
        status.textContent = text;
        status.hidden = false;
        status.classList.toggle('failed', Boolean(failed));
        return;
      }
      for (const el of doc.querySelectorAll('[data-lrplay]:not([data-lrplay-mounted])')) {
        let p = el.querySelector(':scope > .lrplay-status');
        if (!p) {
          p = doc.createElement('p');
          p.className = 'lrplay-status';
          el.prepend(p);
        }
        p.textContent = text;
        p.setAttribute('role', failed ? 'alert' : 'status');
      }
    };
    const fail = (text) => {
      say(text, true);
      rejectReady(new Error(text));
    };

    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiateStreaming !== 'function') {
      fail('LR Playground needs WebAssembly, which this browser does not offer (or has turned off). Try a current Firefox, Chrome, Safari or Edge.');
      return;
    }
    // A page opened from a file cannot fetch the wasm: say why and what to run,
    // not the browser's "Failed to fetch".
    if (base.protocol === 'file:') {
      fail('LR Playground cannot run from a file:// page: browsers do not let it fetch its WebAssembly there. Serve the folder instead, for example with "python3 -m http.server -b 127.0.0.1 8000" run in it, and open http://127.0.0.1:8000/.');
      return;
    }

    // What a page that only loads lrplay.js lacks. Our pages list wasm_exec.js
    // and ECharts after this script, to run while the wasm compiles: those
    // are waited for, not loaded again.
    const loadScript = (file, present) =>
      new Promise((resolve, reject) => {
        if (present()) {
          resolve();
          return;
        }
        const href = new URL(file, base).href;
        let s = [...doc.scripts].find((e) => e.src === href);
        if (!s) {
          s = doc.createElement('script');
          s.src = href;
          doc.head.append(s);
        }
        s.addEventListener('load', resolve);
        s.addEventListener('error', () => reject(new Error(`${file} did not load`)));
      });
    if (!doc.querySelector('link[rel=stylesheet][href$="lrplay.css"]')) {
      const css = doc.createElement('link');
      css.rel = 'stylesheet';
      css.href = new URL('lrplay.css', base).href;
      doc.head.append(css);
    }

    const tools = Boolean(doc.body && doc.body.dataset.page === 'playground');
    const url = new URL(tools ? 'playground.wasm' : 'lrplay.wasm', base);

    // Every module the page will import, fetched now and in parallel rather
    // than one import after another (web_test.go keeps these lists whole).
    const modules = ['main', 'bridge', 'alert', 'embed', 'view', 'controls', 'chart', 'baseoption', 'tutorial', 'downloads', 'theme'];
    const playgroundModules = ['playground', 'tools', 'url'];
    for (const m of tools ? modules.concat(playgroundModules) : modules) {
      const link = doc.createElement('link');
      link.rel = 'modulepreload';
      link.href = new URL(`js/${m}.js`, base).href;
      doc.head.append(link);
    }
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
    const wasm = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
      return response;
    });
    const main = import(new URL('js/main.js', base).href);
    const echartsLoaded = loadScript('echarts.min.js', () => typeof echarts === 'object');
    for (const p of [main, echartsLoaded]) p.catch(() => {}); // said below
    // While the wasm compiles, the modules may start what needs no wasm.
    Promise.all([main, echartsLoaded])
      .then(([page]) => page.prepare())
      .catch(() => {}); // what fails here fails again in start, and is said there
    // The wasm compiles as it arrives and starts without waiting for ECharts.
    Promise.all([wasm, loadScript('wasm_exec.js', () => typeof Go === 'function')])
      .then(([response]) => {
        const go = new Go();
        // Go collects garbage when its heap has grown by GOGC percent. A redraw
        // allocates a few hundred KB, so at Go's 100 a collection, which takes a
        // frame or two, would come every few dozen redraws of a drag; at 400 it
        // comes four times less often, and the page collects between drags.
        go.env = Object.assign({}, go.env, { GOGC: '400' });
        return WebAssembly.instantiateStreaming(response.body ? withProgress(response) : response, go.importObject).then(
          ({ instance }) => {
            say('Starting…');
            go.run(instance).then(() => fail('LR Playground stopped unexpectedly; reload the page.'));
          },
        );
      })
      .then(() => Promise.all([wasmConnected, main, echartsLoaded]))
      .then(([fns, page]) =>
        page.start(fns, lrplay).then(
          () => resolveReady(lrplay),
          (err) => fail(`LR Playground could not start: ${err.message}`),
        ),
      )
      .catch((err) => fail(`LR Playground could not load: ${err.message}`));
  }
})();
