// The playground's tools around the chart: the run's pitfalls with their
// one-click fixes and shaded steps, the run as code, the same curve in
// other frameworks (overlaid on demand), downloads, and a pasted
// constructor call. Each is Go's (wasm/tools.go); these show them. What
// costs more than a frame runs a moment after the chart settles, so a
// drag stays smooth.

import { json, text } from './bridge.js';
import { el, textEl, say, guarded } from './alert.js';
import { download } from './downloads.js';

const lintDelayMS = 120;
const panelsDelayMS = 300;

const $ = (id) => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no element #${id}`);
  return e;
};

export class Tools {
  // view is the playground's view; setState shows another state (a paste).
  constructor(view, setState) {
    this.view = view;
    this.setState = setState;
    this.findings = [];
    this.translations = [];
    this.timers = [0, 0];
    // Each handler's failure is said in the alert of what it concerns.
    const on = (id, type, fn, alertID) => $(id).addEventListener(type, guarded(() => (alertID ? $(alertID) : view.els.errorBox), fn));
    for (const what of ['png', 'svg', 'csv', 'json', 'spec']) {
      on(`download-${what}`, 'click', () => {
        say($('download-error'), '');
        return download(view, what);
      }, 'download-error');
    }
    on('code-panel', 'toggle', () => this.refreshPanels());
    on('translate-panel', 'toggle', () => this.refreshPanels());
    on('code-framework', 'input', () => this.code(), 'code-error');
    on('code-copy', 'click', () => this.copy(), 'code-error');
    on('translate-clear', 'click', () => {
      view.unpin();
      $('translate-clear').hidden = true;
    });
    on('paste-read', 'click', () => this.paste(), 'paste-error');
    on('findings', 'click', (e) => this.fix(e));
    on('translations', 'click', (e) => this.overlay(e));
    const sel = $('code-framework');
    sel.append(textEl('option', 'its own framework', { value: '' }));
    for (const fw of json('frameworks')) sel.append(textEl('option', fw, { value: fw }));
  }

  // drawn runs after every redraw of the curves.
  drawn() {
    this.timers.forEach(clearTimeout);
    this.timers = [setTimeout(this.view.guard(() => this.lint()), lintDelayMS), setTimeout(this.view.guard(() => this.refreshPanels()), panelsDelayMS)];
  }

  // lint lists the run's pitfalls beside the chart and shades their steps on it.
  lint() {
    const drawn = this.view.drawn;
    if (!drawn) return;
    const r = json('lint', drawn.state);
    this.findings = r.findings;
    const list = $('findings');
    list.textContent = '';
    r.findings.forEach((f, i) => {
      const item = el('li', { 'data-code': f.code }, textEl('span', f.message, { class: 'message' }), textEl('span', ` ${f.steps}`, { class: 'steps' }));
      if (f.fixLabel) item.append(textEl('button', `Fix: ${f.fixLabel}`, { type: 'button', 'data-fix': String(i) }));
      list.append(item);
    });
    $('warnings').hidden = r.findings.length === 0;
    this.view.chart.shade(r.areas);
    this.view.els.chart.setAttribute('data-findings', String(r.findings.length));
  }

  // fix takes a click on a finding's fix: its values go into the controls.
  fix(e) {
    const attr = e.target.getAttribute && e.target.getAttribute('data-fix');
    const f = attr === null || attr === undefined ? undefined : this.findings[Number(attr)];
    if (!f) return;
    for (const [name, value] of Object.entries(f.fix)) this.view.set(name, value);
  }

  // refreshPanels updates the open panels: code and translations.
  refreshPanels() {
    if ($('code-panel').open) this.code();
    if ($('translate-panel').open) this.translate();
  }

  // code shows the run as a snippet in the chosen framework.
  code() {
    const drawn = this.view.drawn;
    if (!drawn) return;
    const r = json('code', drawn.state, $('code-framework').value);
    $('code-text').textContent = r.text;
    say($('code-error'), r.error || '');
    say($('code-copied'), '');
  }

  // copy puts the snippet on the clipboard, or selects it for the reader to
  // copy where the browser does not allow that.
  copy() {
    const status = $('code-copied');
    const selectIt = () => {
      getSelection().selectAllChildren($('code-text'));
      say(status, 'Selected: press Ctrl+C (⌘C) to copy.');
    };
    if (!navigator.clipboard) {
      selectIt();
      return;
    }
    navigator.clipboard.writeText($('code-text').textContent).then(() => say(status, 'Copied.'), selectIt);
  }

  // translate lists the parameters that give the curve in each other framework.
  translate() {
    const drawn = this.view.drawn;
    if (!drawn) return;
    this.translations = json('translate', drawn.state);
    const body = $('translations').querySelector('tbody');
    body.textContent = '';
    this.translations.forEach((tr, i) => {
      const params = el('td');
      if (tr.spec !== null) params.append(textEl('code', tr.spec));
      else params.textContent = '—';
      const action = el('td');
      if (tr.spec !== null) action.append(textEl('button', 'Overlay', { type: 'button', 'data-overlay': String(i) }));
      body.append(el('tr', { 'data-framework': tr.framework }, textEl('th', tr.framework, { scope: 'row' }), params,
        textEl('td', tr.note, { class: 'verdict' }), action));
    });
  }

  // overlay draws a translation's curve over the original, to show that
  // they coincide (or where they do not).
  overlay(e) {
    const attr = e.target.getAttribute && e.target.getAttribute('data-overlay');
    const tr = attr !== null && this.translations[Number(attr)];
    if (!tr || tr.spec === null) return;
    this.view.pin({ label: tr.label, spec: tr.spec }, true);
    $('translate-clear').hidden = false;
  }

  // paste reads a constructor call from a training script into the playground.
  paste() {
    const r = json('import', text(this.view.state), $('paste').value);
    if (r.error !== undefined) {
      say($('paste-error'), r.error);
      say($('paste-notes'), '');
      return;
    }
    say($('paste-error'), '');
    say($('paste-notes'), r.notes);
    this.setState(r.state);
  }
}
