// The playground (index.html): one view with every control of the chosen
// kind, a kind selector, the log-axis and epoch switches, the tools, and
// the whole state in the URL.

import { json, text, has } from './bridge.js';
import { textEl, messageOf } from './alert.js';
import { View } from './view.js';
import { Tools } from './tools.js';
import { search, writeSoon } from './url.js';

const $ = (id) => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no element #${id}`);
  return e;
};

// startPlayground starts the page; kinds is lrplay.kinds().
export function startPlayground(kinds) {
  const { state, problems } = json('fromQuery', search());
  const select = $('kind');
  // One group per framework, in the order Go lists the kinds (ours, then each framework's).
  let group = null;
  for (const k of kinds) {
    const label = k.framework.split(',')[0]; // lr_schedule's is a sentence
    if (!group || group.label !== label) {
      group = document.createElement('optgroup');
      group.label = label;
      select.append(group);
    }
    group.append(textEl('option', `${k.name} — ${k.title}`, { value: k.name }));
  }
  let tools = null;
  const view = new View({
    els: { chart: $('chart'), note: $('chart-note'), errorBox: $('error'), controls: $('controls'), units: $('units-controls') },
    prefix: '',
    cfg: { state, controls: null, scrub: false, mean: false },
    problems,
    onDrawn: () => {
      writeSoon(() => view.state, (err) => view.showGeneral(messageOf(err)));
      if (tools) tools.drawn();
    },
    onFirst: () => {
      document.body.dataset.ready = 'true';
      $('status').hidden = true;
      performance.mark('lrplay:first-chart'); // for the browser benchmark
    },
  });
  const show = (st) => {
    select.value = st.kind;
    $('log').checked = Boolean(st.log);
    $('x-epochs').checked = st.x === 'epoch';
    describeKind(kinds, st.kind);
  };
  const setState = (st) => {
    view.setState(st);
    show(st);
  };
  show(state);
  if (has('lint')) tools = new Tools(view, setState);

  const on = (id, fn) => $(id).addEventListener('input', view.guard(fn));
  on('kind', () => {
    const r = json('switchKind', text(view.state), select.value);
    if (r.problems.length) {
      view.showGeneral(r.problems[0].message); // an option that is no kind: a tampered page
      return;
    }
    setState(r.state);
  });
  on('log', () => view.set('log', String($('log').checked)));
  on('x-epochs', () => view.set('x', $('x-epochs').checked ? 'epoch' : 'step'));
  return view;
}

// describeKind shows the kind's doc and its link: its framework's
// documentation, or what link_text names.
function describeKind(kinds, name) {
  const k = kinds.find((k) => k.name === name);
  if (!k) return;
  // A long doc (a composition's, say) shows its first sentence; the rest opens on demand.
  const doc = `${k.doc} Step i is ${k.convention}.`;
  const el = $('kind-doc');
  const cut = doc.length > 280 ? doc.search(/\.\s(?=[A-Z])/) : -1;
  if (cut < 0) {
    el.textContent = doc;
  } else {
    const more = document.createElement('details');
    more.className = 'kind-more';
    more.append(textEl('summary', 'More'), doc.slice(cut + 2));
    el.replaceChildren(doc.slice(0, cut + 1), more);
  }
  const link = $('kind-link');
  link.hidden = !k.link;
  if (k.link) {
    link.setAttribute('href', k.link);
    link.textContent = k.link_text || `${k.framework} documentation`;
  }
}
