// The WebAssembly side's functions (wasm/api.go), as the page's modules
// call them. Each takes and returns plain data: a view's state goes as the
// JSON object Go gave it, results come back as JSON text, one
// Float64Array, or Uint8Arrays. Go decides; these only carry.

let fns = null;

// connect keeps the functions the wasm published (lrplay.js hands them over).
export function connect(published) {
  fns = published;
}

// call runs a Go function; an Error it returns (a bad argument, a panic
// in Go) is thrown.
export function call(name, ...args) {
  if (!fns || typeof fns[name] !== 'function') throw new Error(`lrplay: the WebAssembly side has no ${name}`);
  const result = fns[name](...args);
  if (result instanceof Error) throw result;
  return result;
}

// json runs a Go function that answers in JSON, and parses the answer.
export function json(name, ...args) {
  return JSON.parse(call(name, ...args));
}

// has reports whether the wasm offers a function: the one for embedding
// leaves out the playground's tools.
export function has(name) {
  return Boolean(fns && typeof fns[name] === 'function');
}

let settling = 0;

// settle runs Go's garbage collector a second after the last redraw (see
// collect in wasm/api.go): between drags, not during one.
export function settle() {
  clearTimeout(settling);
  settling = setTimeout(() => {
    if (has('collect')) call('collect');
  }, 1000);
}

// text is a state (or any value) as the JSON text Go reads.
export const text = (value) => JSON.stringify(value);
