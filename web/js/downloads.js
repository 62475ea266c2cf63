// Downloads of what a view draws: the chart as PNG and SVG (ECharts' own
// export), the exact values as CSV and JSON and the spec (files Go
// writes, in parts joined in a Blob: no string the size of the file).

import { call } from './bridge.js';
import { hostBackground, hostDark } from './theme.js';

// download saves what (png, svg, csv, json, spec) of the view's chart;
// it throws what stops it, for the view to say beside the buttons. For the
// SVG it returns a promise, which rejects with what stops it.
export function download(view, what) {
  if (!view.drawn) throw new Error('there is no chart to download yet');
  const [name, type, parts] = call('download', view.drawn.state, what);
  const chart = view.chart.instance;
  if (what === 'png') {
    saveURL(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background(view.chart) }), name);
  } else if (what === 'svg') {
    return svgRenderer().then(() => saveURL(svgURL(chart, view.chart), name));
  } else {
    saveBlob(parts, type, name);
  }
  return undefined;
}

let svgLoaded = null;

// svgRenderer loads ECharts' SVG renderer, echarts-svg.js, beside
// echarts.min.js, the first time it is needed: only the SVG download uses
// it. The trimmed ECharts the site builds leaves it out and exports the
// modules it shares as __lrplaySVG; another ECharts (the package's full
// build) has it.
function svgRenderer() {
  if (typeof echarts !== 'object' || !echarts.__lrplaySVG) return Promise.resolve();
  svgLoaded ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = new URL('../echarts-svg.js', import.meta.url).href;
    s.onload = resolve;
    s.onerror = () => {
      svgLoaded = null; // a later click tries again
      s.remove();
      reject(new Error("ECharts' SVG renderer did not load (echarts-svg.js)"));
    };
    document.head.append(s);
  });
  return svgLoaded;
}

// svgURL draws the chart again with ECharts' SVG renderer, off screen and
// at the same size.
function svgURL(chart, view) {
  const w = chart.getWidth(), h = chart.getHeight();
  const div = document.createElement('div');
  div.setAttribute('aria-hidden', 'true');
  div.style.cssText = `position:fixed;left:-100000px;top:0;width:${w}px;height:${h}px`;
  document.body.append(div);
  try {
    const svg = echarts.init(div, view.dark ? 'dark' : null, { renderer: 'svg', width: w, height: h });
    const opt = chart.getOption();
    opt.backgroundColor = background(view);
    svg.setOption(opt);
    const url = svg.getDataURL({ type: 'svg' });
    svg.dispose();
    return url;
  } finally {
    div.remove();
  }
}

function saveBlob(parts, type, name) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  saveURL(url, name);
  // The browser has the file once the click is handled; free the URL soon after.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// saveURL makes the browser save url as name, through a download link.
function saveURL(url, name) {
  const a = document.createElement('a');
  a.download = name;
  a.hidden = true;
  a.href = url;
  document.body.append(a);
  a.click();
  a.remove();
}

// background is what the chart is seen on, for exported images, which have
// none of their own: the page's background behind the chart when it is of
// the chart's scheme, else the figure's own (white or near-black).
function background(chart) {
  const bg = hostBackground(chart.el);
  if (bg && hostDark(chart.el) === chart.dark) return `rgb(${bg[0]}, ${bg[1]}, ${bg[2]})`;
  return chart.dark ? '#14161c' : '#ffffff';
}
