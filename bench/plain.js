// The page a user would write instead of LR Playground, which `make bench`
// measures against it: PyTorch's CosineAnnealingLR (lr 0.1, eta_min 0)
// evaluated at every step in JavaScript, every point handed to ECharts with
// LTTB sampling, and a T_max slider whose input listener recomputes the run
// and calls setOption. No build step, no coalescing, no downsampling of its
// own: what the ECharts docs suggest for a large line series.
//
// The query sets the run: steps (default 1000), T_max (default steps) and
// the chart's size in pixels, w and h, which the benchmark makes the
// playground's. Once the first chart is drawn, body.dataset.ready is "true".
'use strict';
(() => {
  const q = new URLSearchParams(location.search);
  const int = (name, def) => {
    const v = Number(q.get(name));
    return Number.isInteger(v) && v > 0 ? v : def;
  };
  const steps = int('steps', 1000);
  const lr = 0.1;
  const etaMin = 0;

  const el = document.getElementById('chart');
  if (q.has('w')) el.style.width = int('w', 800) + 'px';
  if (q.has('h')) el.style.height = int('h', 480) + 'px';
  const slider = document.getElementById('T_max');
  const shown = document.getElementById('T_max-value');
  slider.max = String(2 * steps);
  slider.value = String(int('T_max', steps));

  // PyTorch's closed form of CosineAnnealingLR: the lr after t calls of
  // scheduler.step().
  const run = (tMax) => {
    const data = new Array(steps);
    for (let t = 0; t < steps; t++) {
      data[t] = [t, etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2];
    }
    return data;
  };

  // The playground's chart frame: the same grid, axes, tooltip and line.
  const chart = echarts.init(el);
  chart.setOption({
    animation: false,
    grid: { left: 64, right: 24, top: 32, bottom: 48 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 28, min: 0, max: 'dataMax' },
    yAxis: { type: 'value', name: 'lr', nameLocation: 'end' },
    series: [{
      id: 'lr', name: 'lr', type: 'line', showSymbol: false, silent: true, animation: false,
      emphasis: { disabled: true }, lineStyle: { width: 2 }, sampling: 'lttb',
      data: run(slider.valueAsNumber),
    }],
  });
  shown.textContent = slider.value;

  slider.addEventListener('input', () => {
    const tMax = slider.valueAsNumber;
    shown.textContent = String(tMax);
    chart.setOption({ series: [{ id: 'lr', data: run(tMax) }] });
  });
  document.body.dataset.ready = 'true';
})();
