// One error policy for the page: a failure in any handler is shown in the
// role="alert" element beside what it concerns, never swallowed; the last
// good chart stays. Text reaches the page only as textContent.

// say puts a message (or nothing, with '') into an alert element.
export function say(el, message) {
  if (!el) return;
  const text = message || '';
  if (el.textContent !== text) el.textContent = text;
}

// messageOf is what a thrown value says.
export function messageOf(err) {
  if (err && typeof err.message === 'string') return err.message;
  return String(err);
}

// guarded wraps a handler: what it throws, or the promise it returns
// rejects with, is said in the alert element alertOf() gives.
export function guarded(alertOf, fn) {
  return function (...args) {
    try {
      const r = fn.apply(this, args);
      if (r && typeof r.then === 'function') r.then(null, (err) => say(alertOf(), messageOf(err)));
      return r;
    } catch (err) {
      say(alertOf(), messageOf(err));
      return undefined;
    }
  };
}

// el makes an element with attributes (name, value pairs) and children;
// strings among the children become text nodes.
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

// textEl makes an element holding text.
export function textEl(tag, text, attrs) {
  const e = el(tag, attrs);
  e.textContent = text;
  return e;
}
