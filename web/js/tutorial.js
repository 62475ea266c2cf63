// What a view offers a tutorial besides its chart and controls: a step
// slider with a marker on the curve (the scrubber), Play, pinned curves,
// each curve's mean lr, and the data-bind elements of the prose, which
// show values Go computes at the scrubber's step.

import { json, text } from './bridge.js';
import { say, textEl, el } from './alert.js';

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

export class Extras {
  constructor(view, els, cfg) {
    this.view = view;
    this.els = els;
    this.cfg = cfg;
    this.step = Math.max(cfg.scrubAt || 0, 0); // the step the scrubber points at
    this.steps = 0;
    this.playing = false;
    this.last = null; // what Go said at the step last shown
    this.binds = els.root ? [...els.root.querySelectorAll('[data-bind]')] : [];
    this.keys = text(this.binds.map((b) => b.getAttribute('data-bind')));
    this.playFrame = view.guard(() => this.advance());
    const on = (e, type, fn) => e && e.addEventListener(type, view.guard(fn));
    on(els.scrub, 'input', () => this.onScrub());
    on(els.play, 'click', () => this.onPlay());
    on(els.pin, 'click', () => this.onPin());
    on(els.unpin, 'click', () => view.unpin());
  }

  // drawn follows a redraw of the curves: the run's length, the means.
  drawn(info) {
    this.steps = info.steps;
    this.step = Math.min(this.step, info.steps - 1);
    if (this.els.scrub) this.els.scrub.max = String(info.steps - 1);
    if (this.cfg.mean && this.els.means) {
      this.els.means.textContent = '';
      info.series.forEach((s, i) => {
        this.els.means.append(el('li', { 'data-series': String(i) },
          textEl('span', s.name, { class: 'series-label' }), textEl('span', `mean lr ${info.means[i]}`, { class: 'mean' })));
      });
    }
  }

  // redraw shows the scrubber's step and fills the data-bind elements.
  redraw() {
    if (!this.cfg.scrub && this.binds.length === 0) return;
    const drawn = this.view.drawn;
    const r = json('at', drawn.state, drawn.pins, this.step, this.keys);
    this.last = r;
    if (this.cfg.scrub) {
      this.view.chart.scrub(r.step, r.lr);
      if (this.els.scrub) {
        this.els.scrub.value = String(r.step);
        this.els.scrub.setAttribute('aria-valuetext', `step ${r.step}`);
      }
      say(this.els.scrubOut, r.readout);
    }
    this.binds.forEach((b, i) => {
      const [shown, value] = r.binds[i];
      if (b.textContent !== shown) b.textContent = shown;
      b.setAttribute('data-value', value);
    });
  }

  // start runs after the first chart.
  start() {
    this.setPlayLabel();
  }

  onScrub() {
    const step = this.els.scrub.valueAsNumber;
    if (Number.isNaN(step)) return;
    this.step = Math.min(Math.max(Math.trunc(step), 0), Math.max(this.steps - 1, 0));
    this.stop();
    this.view.schedule();
  }

  // onPlay runs the scrubber through the run, or stops it. A reader who
  // prefers reduced motion gets no animation: each press moves the
  // scrubber to the next restart instead.
  onPlay() {
    if (this.playing) {
      this.stop();
      return;
    }
    if (reducedMotion()) {
      this.step = this.last ? this.last.next : 0;
      this.view.schedule();
      return;
    }
    if (this.step >= this.steps - 1) this.step = 0;
    this.playing = true;
    this.setPlayLabel();
    requestAnimationFrame(this.playFrame);
  }

  // advance moves the scrubber by one frame's share of a four-second run.
  advance() {
    if (!this.playing) return;
    this.step = Math.min(this.step + Math.max(Math.floor(this.steps / 240), 1), this.steps - 1);
    this.view.schedule();
    if (this.step >= this.steps - 1) {
      this.stop();
      return;
    }
    requestAnimationFrame(this.playFrame);
  }

  stop() {
    if (!this.playing) return;
    this.playing = false;
    this.setPlayLabel();
  }

  setPlayLabel() {
    const play = this.els.play;
    if (!play) return;
    play.textContent = this.playing ? 'Pause' : reducedMotion() ? 'Next cycle' : 'Play';
    play.setAttribute('aria-pressed', String(this.playing));
  }

  // onPin keeps the first curve as it is drawn now, named after the
  // controls' values.
  onPin() {
    const drawn = this.view.drawn;
    if (!drawn) return;
    this.view.pin(json('pin', drawn.state, text(this.cfg.controls || [])), false);
  }
}
