// The playground's URL holds its whole state: read once at start, and
// written a moment after the last change (browsers limit how often
// history.replaceState may be called).

import { call, text } from './bridge.js';

// search is the page's URL query, without "?".
export const search = () => location.search.replace(/^\?/, '');

let timer = 0;

// writeSoon writes the state Go's link makes of state() into the URL
// 250 ms after the last call.
export function writeSoon(state, failed) {
  clearTimeout(timer);
  timer = setTimeout(() => {
    try {
      history.replaceState(null, '', `?${call('link', text(state()))}`);
    } catch (err) {
      failed(err);
    }
  }, 250);
}
