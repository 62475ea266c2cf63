// A view's controls, built from what Go says of each (wasm/controls.go):
// a label, the range it accepts, a doc, the text it holds, and options or
// a slider. Each input's id is the prefix and the parameter's name; a
// number's slider keeps its position under "<id>-slider", beside the box.

import { el, textEl, say } from './alert.js';

// buildControls replaces the controls in box (and, for the units, in
// unitsBox when there is one) with those described. It returns them by
// name: {input, slider, alert, block, type}.
export function buildControls(descs, prefix, box, unitsBox) {
  box.textContent = '';
  if (unitsBox) unitsBox.textContent = '';
  const controls = new Map();
  for (const d of descs) {
    const c = control(d, prefix);
    controls.set(d.name, c);
    (d.group === 'units' && unitsBox ? unitsBox : box).append(c.block);
  }
  return controls;
}

function control(d, prefix) {
  const id = prefix + d.name;
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
