// A view: one chart with its controls (the playground's, an embed's, a
// tutorial section's). Controls → Go's state → chart, one way: an input
// asks Go for the new state, and one redraw per animation frame asks Go
// what to draw and hands ECharts what changed. Go decides; this shows.

import { call, json, text, settle } from './bridge.js';
import { say, messageOf, guarded } from './alert.js';
import { buildControls, showText, showAlert, inputOf, actionOf } from './controls.js';
import { chartOn } from './chart.js';
import { applyTheme } from './theme.js';
import { Extras } from './tutorial.js';

// maxPins caps the curves kept on one chart (pins and overlays).
const maxPins = 6;

export class View {
  // els: the elements the view draws into (chart, controls and errorBox
  // are required; note, units, root and the extras' elements optional).
  // cfg: what Go made of the configuration (state, controls, scrub, ...);
  // controls null means all of the playground's. brief: controls without
  // the long notes. problems: what was wrong with the configuration.
  // theme: the figure's ("light", "dark", "auto" or '', the page's own);
  // onTheme(dark) runs when it is decided and whenever it changes.
  constructor({ els, prefix, cfg, problems, brief, onDrawn, onFirst, theme, onTheme }) {
    this.els = els;
    this.prefix = prefix;
    this.cfg = cfg;
    this.state = cfg.state;
    this.brief = Boolean(brief);
    this.onDrawn = onDrawn || (() => {});
    this.onFirst = onFirst || (() => {});
    this.sticky = new Map(); // configuration problems per control, shown until it is edited
    this.pins = []; // {label, spec}: pinned curves and overlays
    this.drawn = null; // what the chart shows: {state, pins, steps}, as the text Go read
    this.pending = false;
    this.curvesDirty = true;
    this.ready = false;
    this.shownProblems = '';
    this.frame = () => this.redrawNow();
    this.onTheme = onTheme || (() => {});

    this.chart = chartOn(els.chart, {
      tooltip: (x) => (this.drawn ? json('tooltip', this.drawn.state, this.drawn.pins, x) : []),
      // The columns follow the width.
      resized: () => this.drawn && this.chart.width() !== this.drawn.width && this.scheduleCurves(),
      restarted: () => {
        this.themed();
        this.curvesDirty = true;
        this.redrawNow();
      },
      failed: (err) => this.showGeneral(messageOf(err)),
    }, theme);
    this.themed();
    this.buildControls();
    const general = [];
    for (const p of problems || []) {
      if (this.controls.has(p.param)) this.sticky.set(p.param, p.message);
      else general.push(p.param ? `${p.param}: ${p.message}` : p.message);
    }
    const onInput = this.guard((e) => this.onInput(e));
    els.controls.addEventListener('input', onInput);
    els.controls.addEventListener('click', this.guard((e) => this.onAction(e)));
    if (els.units) els.units.addEventListener('input', onInput);
    this.extras = new Extras(this, els, cfg);
    this.showGeneral(general.join(' '));
    this.showProblems([]);
    this.schedule(); // the first chart, at the next frame
  }

  // themed gives the controls the chart's colours (lrplay.css reads the
  // root's data-lrplay-theme).
  themed() {
    this.onTheme(this.chart.dark);
    applyTheme(this.els.root, this.chart.dark);
  }

  // guard wraps a handler: what it throws is said above the chart.
  guard(fn) {
    return guarded(() => this.els.errorBox, fn);
  }

  // names are the controls the view shows.
  buildControls() {
    const names = this.cfg.controls ? text(this.cfg.controls) : '';
    const descs = json('controls', text(this.state), names, this.brief);
    this.controls = buildControls(descs, this.prefix, this.els.controls, this.els.units);
    this.shownProblems = null; // new controls: every alert and aria-invalid is written anew
  }

  // onInput takes one input event from the controls.
  onInput(event) {
    const input = inputOf(event);
    const c = input && this.controls.get(input.name);
    if (!c) return;
    let r;
    if ('position' in input) {
      if (Number.isNaN(input.position)) return;
      r = json('slide', text(this.state), input.name, input.position);
      c.input.value = r.text;
    } else {
      r = json('set', text(this.state), input.name, input.text);
      if (r.rebuild) {
        this.restructure(r, input.name); // a phase of another kind: its controls
        return;
      }
      if (c.slider && r.position) c.slider.value = r.position;
    }
    this.changed(input.name, r);
  }

  // onAction takes a click on a phase's button: Go edits the state, and
  // the controls are built anew from it.
  onAction(event) {
    const a = actionOf(event);
    if (!a) return;
    const r = json('edit', text(this.state), a.action, a.path);
    this.restructure(r, a.path);
  }

  // restructure shows a state whose controls differ (a phase added,
  // removed, moved or of another kind): new controls, its problems, and
  // the chart; focus goes back to the control named when it still exists.
  restructure(r, focus) {
    this.state = r.state;
    this.sticky.clear();
    this.showGeneral('');
    this.buildControls();
    const c = this.controls.get(focus);
    if (c && c.input && c.input.focus) c.input.focus();
    this.showProblems(r.problems);
    if (!r.problems.length) this.scheduleCurves();
  }

  // set puts text into the control name (or switches "log" or "x"), as a
  // fix or a switch does, and redraws.
  set(name, value) {
    const r = json('set', text(this.state), name, value);
    const c = this.controls.get(name);
    if (c) showText(c, value, r.position);
    this.changed(name, r);
  }

  changed(name, r) {
    this.state = r.state;
    this.sticky.delete(name);
    this.showGeneral('');
    if (r.problems.length) {
      this.showProblems(r.problems); // at once; nothing to draw
      return;
    }
    this.scheduleCurves();
  }

  // setState shows another state: its controls and chart.
  setState(state) {
    this.state = state;
    this.sticky.clear();
    this.showGeneral('');
    this.buildControls();
    this.showProblems([]);
    this.scheduleCurves();
  }

  // pin keeps a curve on the chart: {label, spec}, replacing one of the
  // same label if asked to (an overlay); past maxPins the oldest goes.
  pin(curve, replaceSameLabel) {
    if (replaceSameLabel) this.pins = this.pins.filter((p) => p.label !== curve.label);
    if (this.pins.length >= maxPins) this.pins.shift();
    this.pins.push(curve);
    this.scheduleCurves();
  }

  unpin() {
    this.pins = [];
    this.scheduleCurves();
  }

  scheduleCurves() {
    this.curvesDirty = true;
    this.schedule();
  }

  // schedule asks for one redraw at the next animation frame, however
  // many inputs come before it.
  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(this.frame);
  }

  redrawNow() {
    this.pending = false;
    const profile = window.lrplayProfile ? performance.now() : 0;
    try {
      this.redraw();
    } catch (err) {
      this.showGeneral(`could not draw the chart: ${messageOf(err)}`);
    }
    if (profile) performance.measure('lrplay:redraw', { start: profile, end: performance.now() });
  }

  // redraw draws the state's curves, or shows why it cannot and keeps the
  // last good chart; then the extras (scrubber, data-bind elements).
  redraw() {
    if (this.curvesDirty) {
      this.curvesDirty = false;
      const state = text(this.state);
      const pins = this.pins.length ? text(this.pins) : '';
      const width = this.chart.width();
      const [infoText, data] = call('draw', state, width, pins, this.cfg.mean);
      const info = JSON.parse(infoText);
      if (info.problems) {
        this.showProblems(info.problems);
        return;
      }
      this.showProblems([]);
      this.drawn = { state, pins, width, steps: info.steps };
      this.chart.plot(info, data, this.cfg.scrub);
      const chartEl = this.els.chart;
      for (const [name, value] of [['data-columns', String(info.columns)], ['aria-label', info.description]]) {
        if (chartEl.getAttribute(name) !== value) chartEl.setAttribute(name, value);
      }
      say(this.els.note, info.note);
      this.extras.drawn(info);
      this.onDrawn();
      settle();
    }
    if (!this.drawn) return;
    this.extras.redraw();
    if (!this.ready) {
      this.ready = true;
      this.extras.start();
      if (this.els.root) this.els.root.dataset.ready = 'true';
      this.onFirst();
    }
  }

  // showProblems puts each problem beside its control, the rest above the
  // chart, and clears the alerts of controls that are fine now.
  showProblems(problems) {
    const byParam = new Map(this.sticky);
    const general = [];
    for (const p of problems) {
      if (this.controls.has(p.param)) byParam.set(p.param, p.message);
      else general.push(p.param ? `${p.param}: ${p.message}` : p.message);
    }
    const key = text([...byParam]);
    if (key !== this.shownProblems) {
      for (const [name, c] of this.controls) showAlert(c, byParam.get(name) || '');
      this.shownProblems = key;
    }
    if (general.length || problems.length) this.showGeneral(general.join(' '));
    this.els.chart.classList.toggle('stale', problems.length > 0);
  }

  // showGeneral shows a message that concerns no single control, or clears it.
  showGeneral(msg) {
    say(this.els.errorBox, msg);
  }
}
