// A figure's colours, light or dark. A configuration's theme says
// "light", "dark" or "auto" (the reader's system, as the playground and
// the tutorial do); without one a figure takes the scheme of the page it
// sits in: the first background behind it that is not transparent, or,
// where every one is, the page's color-scheme. A documentation theme that
// switches at run time (an attribute or class on <html> or <body>) is
// followed. Which colours a schedule gets is no concern of this module:
// only whether the page around it is dark.

const osDark = matchMedia('(prefers-color-scheme: dark)');

// themes a configuration may name; '' is the host page's own.
export const themes = ['light', 'dark', 'auto'];

// isDark says whether a figure with setting (a theme, or '') inside el is dark.
export function isDark(setting, el) {
  if (setting === 'light' || setting === 'dark') return setting === 'dark';
  if (setting === 'auto') return osDark.matches;
  return hostDark(el);
}

// hostDark says whether the page behind el is dark.
export function hostDark(el) {
  const bg = hostBackground(el);
  if (bg) return luminance(bg) < darkBelow;
  const scheme = getComputedStyle(document.documentElement).colorScheme || '';
  if (!/\bdark\b/.test(scheme)) return false;
  return /\blight\b/.test(scheme) ? osDark.matches : true;
}

// A background is dark when white text on it has more contrast than black
// text: relative luminance below about 0.18 (WCAG's formula).
const darkBelow = Math.sqrt(1.05 * 0.05) - 0.05;

// hostBackground is the first mostly opaque background colour at el or
// above it, as [r, g, b] in 0..255, or null where every one is transparent.
export function hostBackground(el) {
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c && c[3] >= 0.5) return c;
  }
  return null;
}

// rgba reads a computed colour: rgb()/rgba() directly, any other syntax
// (color(), oklch()) through a canvas.
function rgba(text) {
  if (!text || text === 'transparent') return null;
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(text);
  if (m) {
    let a = m[4] === undefined ? 1 : parseFloat(m[4]);
    if (m[4] && m[4].endsWith('%')) a /= 100;
    return [Number(m[1]), Number(m[2]), Number(m[3]), a];
  }
  try {
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    ctx.fillStyle = text;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  } catch {
    return null;
  }
}

// luminance is the relative luminance of an sRGB colour.
function luminance([r, g, b]) {
  const lin = (v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

// The figures that follow their page or the system, each a function that
// looks again; one observer serves them all.
const watchers = new Set();
let watching = false;

// watchTheme calls onChange(dark) whenever the figure in el, with setting,
// turns dark or light; it returns whether it is dark now. A fixed light or
// dark is never watched.
export function watchTheme(setting, el, onChange) {
  let dark = isDark(setting, el);
  if (setting === 'light' || setting === 'dark') return dark;
  watchers.add(() => {
    if (!el.isConnected) return;
    const now = isDark(setting, el);
    if (now !== dark) {
      dark = now;
      onChange(dark);
    }
  });
  watch();
  return dark;
}

// recheck asks every figure to look again, at the next frame and once more
// after the page's own colour transition has most likely run.
let pending = false;
function recheck() {
  if (pending) return;
  pending = true;
  const look = () => {
    for (const w of watchers) w();
  };
  requestAnimationFrame(() => {
    pending = false;
    look();
  });
  setTimeout(look, 400);
}

function watch() {
  if (watching) return;
  watching = true;
  const observer = new MutationObserver(recheck);
  const observeRoots = () => {
    observer.observe(document.documentElement, { attributes: true });
    if (document.body) observer.observe(document.body, { attributes: true });
  };
  observeRoots();
  if (!document.body) document.addEventListener('DOMContentLoaded', observeRoots, { once: true });
  osDark.addEventListener('change', recheck);
  document.addEventListener('transitionend', (e) => {
    if (e.target === document.documentElement || e.target === document.body) recheck();
  }, true);
}

// followFrame makes a figure in embed.html take the theme its framing
// page sends ({type: "lrplay:theme", theme: "light" | "dark"}, as lrplay.js
// there does), calling onChange(dark) on each change.
export function followFrame(onChange) {
  addEventListener('message', (e) => {
    if (e.source !== window.parent || !e.data || e.data.type !== 'lrplay:theme') return;
    if (e.data.theme === 'light' || e.data.theme === 'dark') onChange(e.data.theme === 'dark');
  });
}

// applyTheme marks a figure's root for lrplay.css's colours and the
// browser's own inputs, with a background of its own where the page
// behind it is of the other scheme.
export function applyTheme(root, dark) {
  if (!root) return;
  const theme = dark ? 'dark' : 'light';
  if (root.getAttribute('data-lrplay-theme') !== theme) root.setAttribute('data-lrplay-theme', theme);
  if (!roots.has(root)) {
    // The page may switch under a figure whose own theme is fixed.
    roots.add(root);
    watchers.add(() => root.isConnected && backdrop(root));
    watch();
  }
  backdrop(root);
}

const roots = new WeakSet();

function backdrop(root) {
  const parent = root.parentElement;
  const dark = root.getAttribute('data-lrplay-theme') === 'dark';
  root.toggleAttribute('data-lrplay-backdrop', Boolean(parent && hostDark(parent) !== dark));
}
