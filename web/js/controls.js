// A view's controls, built from what Go says of each (wasm/controls.go):
// a label, the range it accepts, a doc, the text it holds, and options or
// a slider. Each input's id is the prefix and the control's id (its name,
// or for a composition's child "schedulers-1-T_max" for the name
// "schedulers[1].T_max"); a number's slider keeps its position under
// "<id>-slider", beside the box. A composition's Schedules parameter is a
// group: a phase per child, each with its kind picker, its own controls
// and buttons to move or remove it (data-action, data-path), and a button
// to add one. Go decides what each does (lrplay.edit).

import { el, textEl, say } from './alert.js';

// buildControls replaces the controls in box (and, for the units, in
// unitsBox when there is one) with those described. It returns them by
// name: {input, slider, alert, block, type}.
export function buildControls(descs, prefix, box, unitsBox) {
  box.textContent = '';
  if (unitsBox) unitsBox.textContent = '';
  const controls = new Map();
  for (const d of descs) {
    const c = control(d, prefix, controls);
    (d.group === 'units' && unitsBox ? unitsBox : box).append(c.block);
  }
  return controls;
}

// control builds d's control and records it (and a group's inner ones) in controls.
function control(d, prefix, controls) {
  const c = d.type === 'schedules' ? group(d, prefix, controls) : single(d, prefix);
  controls.set(d.name, c);
  return c;
}

// group is a composition's phases: each child's kind picker, controls and
// buttons, then the add button; its alert says what concerns the list.
function group(d, prefix, controls) {
  const id = prefix + d.id;
  const alert = el('p', { id: `${id}-error`, class: 'error', role: 'alert' });
  const box = el('fieldset', { id, class: 'phases', 'data-param': d.name, 'aria-describedby': `${id}-doc ${id}-error` },
    textEl('legend', d.label), textEl('p', d.doc, { id: `${id}-doc`, class: 'doc' }), alert);
  for (const ph of d.phases) {
    const kind = control(ph.kind, prefix, controls);
    const buttons = el('div', { class: 'phase-actions' });
    for (const [action, label, on] of [['up', '↑', ph.up], ['down', '↓', ph.down], ['remove', '✕', ph.remove]]) {
      const b = textEl('button', label, {
        type: 'button', 'data-action': action, 'data-path': ph.path, id: `${prefix}${ph.id}-${action}`,
        'aria-label': `${action === 'remove' ? 'remove' : `move ${action}`} ${ph.path}`,
      });
      b.disabled = !on;
      buttons.append(b);
    }
    const head = el('div', { class: 'phase-head' }, textEl('span', `${ph.index}`, { class: 'phase-index' }), kind.block, buttons);
    const inner = el('div', { class: 'phase-controls' });
    for (const cd of ph.controls) inner.append(control(cd, prefix, controls).block);
    box.append(el('div', { class: 'phase', id: `${prefix}${ph.id}`, 'data-path': ph.path }, head, inner));
  }
  const add = textEl('button', `add to ${d.label}`, { type: 'button', 'data-action': 'add', 'data-path': d.name, id: `${id}-add` });
  add.disabled = !d.add;
  box.append(add);
  return { type: d.type, slider: null, input: box, alert, block: box };
}

function single(d, prefix) {
  const id = prefix + (d.id || d.name);
  const described = `${id}-doc ${id}-error`;
  const c = { type: d.type, slider: null };
  c.alert = el('p', { id: `${id}-error`, class: 'error', role: 'alert' });
  const head = el('div', { class: 'control-head' }, textEl('label', d.label, { for: id }), textEl('span', d.range, { class: 'range' }));
  const inputs = el('div', { class: 'inputs' });
  switch (d.type) {
    case 'bool':
      c.input = el('input', { type: 'checkbox', id, 'data-param': d.name, 'aria-describedby': described });
      c.input.checked = d.value === 'true';
      inputs.append(c.input);
      break;
    case 'enum':
      c.input = el('select', { id, 'data-param': d.name, 'aria-describedby': described });
      for (const o of d.options) c.input.append(textEl('option', o, { value: o }));
      c.input.value = d.value;
      inputs.append(c.input);
      break;
    case 'text':
      // A list of numbers, a lambda or a composition's children: text Go reads.
      c.input = el(d.multiline ? 'textarea' : 'input', {
        id, 'data-param': d.name, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': described,
        ...(d.multiline ? { rows: 3 } : { type: 'text' }),
      });
      c.input.value = d.value;
      inputs.append(c.input);
      break;
    default: {
      const s = d.slider;
      c.slider = el('input', {
        type: 'range', id: `${id}-slider`, 'data-param': d.name, 'data-slider': '',
        min: s.min, max: s.max, step: s.step, 'aria-label': `${d.label} slider`, 'aria-controls': id,
      });
      c.input = el('input', {
        type: 'text', id, 'data-param': d.name, inputmode: 'decimal',
        autocomplete: 'off', spellcheck: 'false', 'aria-describedby': described,
      });
      c.input.value = d.value;
      if (s.position !== '') c.slider.value = s.position;
      inputs.append(c.slider, c.input);
    }
  }
  c.block = el('div', { class: 'control', 'data-param': d.name }, head, inputs, textEl('p', d.doc, { id: `${id}-doc`, class: 'doc' }), c.alert);
  return c;
}

// showText puts text into a control, as a fix or a pasted call does, and
// moves its slider to position ('' leaves it).
export function showText(c, text, position) {
  if (c.type === 'bool') c.input.checked = text === 'true';
  else c.input.value = text;
  if (c.slider && position) c.slider.value = position;
}

// showAlert says msg beside a control and marks it invalid, or clears both.
export function showAlert(c, msg) {
  say(c.alert, msg);
  const invalid = String(Boolean(msg));
  if (c.input.getAttribute('aria-invalid') !== invalid) c.input.setAttribute('aria-invalid', invalid);
}

// actionOf reads a click on a phase's button: {action, path}, or null.
export function actionOf(event) {
  const b = event.target && event.target.closest && event.target.closest('button[data-action]');
  if (!b || b.disabled) return null;
  return { action: b.getAttribute('data-action'), path: b.getAttribute('data-path') };
}

// inputOf reads an input event on a control: its name, and the slider's
// position or the text it holds.
export function inputOf(event) {
  const t = event.target;
  const name = t.getAttribute && t.getAttribute('data-param');
  if (!name) return null;
  if (t.hasAttribute('data-slider')) return { name, position: t.valueAsNumber };
  if (t.type === 'checkbox') return { name, text: String(t.checked) };
  return { name, text: t.value };
}
