// Charts outside the playground: every element with a data-lrplay
// attribute (now, and when a single-page site adds one later),
// lrplay.mount(element, config), and embed.html, configured by its query,
// which tells the page that frames it its height.

import { json } from './bridge.js';
import { el, textEl, say, messageOf, guarded } from './alert.js';
import { View } from './view.js';
import { download } from './downloads.js';
import { followFrame } from './theme.js';

// Bounds on a configuration a page hands us, which may come from anyone's
// HTML or script (a cycle, a list of 10^7 items, a getter that throws).
// A view needs 6 levels below the configuration's own: a series whose
// composition has a composition as a child (series, a series, its
// schedulers, a child, its schedulers, a grandchild).
const maxDepth = 7;
const maxItems = 64;

// Our own pages follow the reader's system; a host page's figures follow the host.
const ourPages = ['playground', 'tutorial', 'embed'];

let mounted = 0; // views started, to give each a unique id prefix

// mount is lrplay.mount(element, config). A bad configuration is shown in
// the element; a bad element is thrown.
export function mount(element, config) {
  if (!isElement(element)) throw new Error('lrplay.mount(element, config) takes an element and a configuration object');
  if (element.hasAttribute('data-lrplay-mounted')) throw new Error('this element already holds a chart');
  let configText = '', problem = '';
  try {
    configText = configJSON(config);
  } catch (err) {
    problem = `lrplay.mount: ${messageOf(err)}; showing the default schedule`;
  }
  mountView(element, json('fromConfig', configText, problem));
}

// isElement reports whether v is a DOM element, of this document or another frame's.
function isElement(v) {
  try {
    return typeof v === 'object' && v !== null && Reflect.get(v, 'nodeType') === 1 && typeof v.setAttribute === 'function';
  } catch {
    return false;
  }
}

// configJSON writes a configuration as the JSON Go reads: strings,
// numbers, booleans, null, lists and objects, within bounds. Numbers JSON
// has no words for are written NaN, Infinity and -Infinity.
export function configJSON(v) {
  if (v === undefined || v === null) return '{}';
  const out = value(v, 0);
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error('the configuration must be an object');
  return out;
}

function value(v, depth) {
  switch (typeof v) {
    case 'undefined':
      return 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : String(v);
    case 'string':
      return JSON.stringify(v);
    case 'object':
      if (v === null) return 'null';
      break;
    default:
      throw new Error('a configuration holds only strings, numbers, booleans, null, lists and objects');
  }
  if (depth >= maxDepth) throw new Error('the configuration is nested too deeply');
  const list = Array.isArray(v);
  const keys = list ? null : Object.keys(v);
  const n = list ? Number(Reflect.get(v, 'length')) : keys.length;
  if (n > maxItems) throw new Error(`the configuration has a list or object of more than ${maxItems} items`);
  if (list) {
    const items = [];
    for (let i = 0; i < n; i++) items.push(value(Reflect.get(v, i), depth + 1));
    return `[${items.join(',')}]`;
  }
  return `{${keys.map((k) => `${JSON.stringify(k)}:${value(Reflect.get(v, k), depth + 1)}`).join(',')}}`;
}

// mountAll starts a view on every element with a data-lrplay attribute
// that has none yet, and keeps doing so for elements added later.
export function mountAll() {
  const scan = () => {
    for (const e of document.querySelectorAll('[data-lrplay]:not([data-lrplay-mounted])')) mountAttribute(e);
  };
  scan();
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
}

// mountAttribute starts a view configured by an element's data-lrplay
// JSON; a configuration that is not JSON is said in the element.
function mountAttribute(e) {
  const attr = e.getAttribute('data-lrplay') || '';
  let configText = '{}', problem = '';
  if (attr.trim() !== '') {
    let parsed;
    try {
      parsed = JSON.parse(attr);
      configText = configJSON(parsed);
    } catch (err) {
      configText = '';
      problem = parsed === undefined
        ? `data-lrplay is not valid JSON (${messageOf(err)}); showing the default schedule`
        : `data-lrplay: ${messageOf(err)}`;
    }
  }
  try {
    mountView(e, json('fromConfig', configText, problem));
  } catch (err) {
    e.textContent = `LR Playground could not draw this chart: ${messageOf(err)}`;
  }
}

// startEmbed starts embed.html: one view configured wholly by the URL
// query. Its theme is the query's; without one, a framed embed is light
// until the page that frames it says otherwise (lrplay.js there does),
// and one opened on its own follows the reader's system. The page's
// color-scheme follows the figure, so that the frame shows the page behind
// it rather than the browser's backdrop.
export function startEmbed() {
  const root = document.getElementById('lrplay');
  const framed = window.parent !== window;
  const cfg = json('fromEmbed', location.search.replace(/^\?/, ''));
  const view = mountView(root, cfg, () => {
    const status = document.getElementById('status');
    if (status) status.hidden = true;
  }, cfg.theme || (framed ? 'light' : 'auto'), (dark) => {
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  });
  if (framed && !cfg.theme) followFrame((dark) => view.chart.setDark(dark));
  reportHeight(root);
  return view;
}

// reportHeight posts the content's height to the page that frames it, on
// load and whenever it changes (the content's own size, not the
// document's scrollHeight, which never drops below the frame's height and
// so never lets the frame shrink), for lrplay.js or a short script there to
// size the iframe.
function reportHeight(root) {
  if (window.parent === window) return; // not framed
  let last = -1;
  const post = () => {
    const body = document.body;
    const style = getComputedStyle(body);
    const height = Math.ceil(body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'lrplay:resize', height }, '*');
  };
  const observer = new ResizeObserver(post);
  observer.observe(document.body);
  observer.observe(root);
  addEventListener('resize', post);
  post();
}

// mountView builds a view's elements inside root for a configuration Go
// read (cfg) and starts it, with theme (the configuration's, or by default
// the page's: the reader's system on our own pages) and onTheme(dark).
function mountView(root, cfg, onFirst, theme, onTheme) {
  if (root.hasAttribute('data-lrplay-mounted')) throw new Error('this element already holds a chart');
  root.setAttribute('data-lrplay-mounted', '');
  const status = root.querySelector(':scope > .lrplay-status');
  if (status) status.remove(); // the loader's progress

  mounted++;
  const prefix = `${root.id || `lrplay${mounted}`}-`;
  const els = { root };
  // The page may say where the chart and the controls go.
  els.chart = placeholder(root, '[data-lrplay-chart]');
  els.controls = placeholder(root, '[data-lrplay-controls]');
  els.chart.classList.add('lrplay-chart');
  els.chart.id = `${prefix}chart`;
  els.chart.setAttribute('role', 'img');
  els.controls.classList.add('lrplay-controls');
  els.errorBox = el('p', { class: 'error', role: 'alert', id: `${prefix}error` });
  els.chart.before(els.errorBox);
  els.note = el('p', { class: 'note', id: `${prefix}chart-note` });
  let after = els.chart;
  const place = (e) => {
    after.after(e);
    after = e;
  };
  place(els.note);
  if (cfg.mean) {
    els.means = el('ul', { class: 'lrplay-means', id: `${prefix}means`, 'aria-label': 'mean lr of each curve' });
    place(els.means);
  }
  if (cfg.downloads) {
    const bar = el('div', { class: 'lrplay-toolbar lrplay-downloads', role: 'group', 'aria-label': 'Download' }, textEl('span', 'Download', { class: 'label' }));
    for (const [what, label] of [['png', 'PNG'], ['svg', 'SVG'], ['csv', 'CSV'], ['json', 'JSON'], ['spec', 'Spec']]) {
      bar.append(textEl('button', label, { type: 'button', id: `${prefix}download-${what}`, 'data-download': what }));
    }
    els.downloads = bar;
    els.downloadError = el('p', { class: 'error', role: 'alert', id: `${prefix}download-error` });
    place(bar);
    place(els.downloadError);
  }
  if (cfg.scrub || cfg.pin) {
    const bar = el('div', { class: 'lrplay-toolbar' });
    if (cfg.scrub) {
      els.scrub = el('input', { type: 'range', id: `${prefix}scrub`, min: '0', max: '0', step: '1', value: '0' });
      els.scrubOut = el('output', { id: `${prefix}scrub-value`, for: `${prefix}scrub` });
      bar.append(el('label', { class: 'scrub' }, textEl('span', 'step'), els.scrub), els.scrubOut);
      if (cfg.play) {
        els.play = textEl('button', 'Play', { type: 'button', id: `${prefix}play`, 'aria-pressed': 'false' });
        bar.append(els.play);
      }
    }
    if (cfg.pin) {
      els.pin = textEl('button', 'Pin this curve', { type: 'button', id: `${prefix}pin` });
      els.unpin = textEl('button', 'Clear pins', { type: 'button', id: `${prefix}unpin` });
      bar.append(els.pin, els.unpin);
    }
    place(bar);
  }
  root.classList.add('lrplay');
  if (theme === undefined) theme = cfg.theme || (ourPages.includes(document.body.dataset.page) ? 'auto' : '');
  const view = new View({ els, prefix, cfg, problems: cfg.problems, brief: true, onFirst, theme, onTheme });
  if (els.downloads) {
    els.downloads.addEventListener('click', guarded(() => els.downloadError, (e) => {
      const what = e.target.getAttribute && e.target.getAttribute('data-download');
      if (!what) return;
      say(els.downloadError, '');
      return download(view, what);
    }));
  }
  return view;
}

// placeholder is root's descendant matching selector, or a new div appended to root.
function placeholder(root, selector) {
  const found = root.querySelector(selector);
  if (found) return found;
  const e = document.createElement('div');
  root.append(e);
  return e;
}
