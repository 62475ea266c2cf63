// A view's chart: an ECharts instance on its element (so that
// echarts.getInstanceByDom(el) reaches it), started from the base option
// of package chart, in ECharts' dark theme when the figure is dark (its
// theme, theme.js). plot hands ECharts only what changed since the last
// redraw.

import baseOption from './baseoption.js';
import { watchTheme } from './theme.js';

// early holds the charts started before the wasm ran, by element.
const early = new Map();

// prepareChart starts a chart on el ahead of its view: ECharts' first
// setup then overlaps the wasm's compilation.
export function prepareChart(el) {
  if (el && !early.has(el)) early.set(el, new Chart(el));
}

// chartOn is the chart on el for a view: the one prepared, or a new one
// with theme ("light", "dark", "auto", or '' for the page's own).
export function chartOn(el, handlers, theme) {
  const c = early.get(el) || new Chart(el, theme);
  early.delete(el);
  Object.assign(c.handlers, handlers);
  return c;
}

// escapeHTML makes text safe inside the HTML ECharts makes of a tooltip.
export function escapeHTML(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// sameValues reports whether two typed arrays hold the same numbers (NaN
// equal to NaN: a gap on a log axis).
function sameValues(a, b) {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && !(a[i] !== a[i] && b[i] !== b[i])) return false;
  }
  return true;
}

class Chart {
  // el is the chart's element. Its view's handlers: tooltip(x) gives the
  // tooltip's lines at x, as text; resized() runs when the element's size
  // changes, restarted() when the chart is made anew (it turned dark or
  // light), failed(err) when one of these throws. theme is the figure's
  // setting; 'auto', the reader's system, by default.
  constructor(el, theme = 'auto') {
    this.el = el;
    this.handlers = { tooltip: () => [], resized() {}, restarted() {}, failed() {} };
    this.dark = watchTheme(theme, el, (dark) => this.setDark(dark));
    this.make(this.dark);
    new ResizeObserver(() => {
      try {
        this.instance.resize();
        this.handlers.resized();
      } catch (err) {
        this.handlers.failed(err);
      }
    }).observe(el);
  }

  // setDark makes the chart anew, dark or light; its view redraws it.
  setDark(dark) {
    if (dark === this.dark) return;
    this.dark = dark;
    try {
      echarts.dispose(this.instance);
      this.make(dark);
      this.handlers.restarted();
    } catch (err) {
      this.handlers.failed(err);
    }
  }

  make(dark) {
    if (typeof echarts !== 'object') throw new Error('ECharts did not load (echarts.min.js)');
    this.instance = echarts.init(this.el, dark ? 'dark' : null);
    // What the instance holds, so that a redraw sends only what changed.
    this.shown = { series: '', markers: '', yType: '', x: '', data: new Map() };
    const opt = structuredClone(baseOption);
    opt.backgroundColor = 'transparent';
    opt.tooltip.formatter = (params) => this.formatTooltip(params);
    this.template = opt.series[0];
    opt.series = [];
    this.instance.setOption(opt);
  }

  // formatTooltip is the tooltip as HTML, which ECharts takes it for:
  // fixed words, numbers and escaped labels only.
  formatTooltip(params) {
    const p = Array.isArray(params) ? params[0] : params;
    if (!p) return '';
    try {
      return this.handlers.tooltip(Number(p.axisValue)).map(escapeHTML).join('<br>');
    } catch (err) {
      this.handlers.failed(err);
      return '';
    }
  }

  // width is how many device pixels wide the chart is.
  width() {
    return this.instance.getWidth() * (window.devicePixelRatio || 1);
  }

  // plot draws what Go's draw returned: info (series, markers, axes,
  // legend) and data, every series' step, lr pairs in one Float64Array.
  // withScrub adds the scrubber's marker series. Series whose points did
  // not change, and markers and axes that did not, are not sent again.
  plot(info, data, withScrub) {
    const shown = this.shown;
    const ids = info.series.map((s) => s.id);
    if (withScrub) ids.push('scrub');
    const joined = ids.join(' ');
    const replace = joined !== shown.series; // series come or go: send them whole
    const markers = JSON.stringify([info.markers, info.markerLabels]);
    const markersChanged = replace || markers !== shown.markers;
    const series = [];
    info.series.forEach((s, i) => {
      const points = data.subarray(2 * s.start, 2 * (s.start + s.count));
      const changed = replace || !sameValues(shown.data.get(s.id), points);
      if (!changed && !(i === 0 && markersChanged)) return;
      let o = { id: s.id };
      if (replace) {
        o = structuredClone(this.template);
        o.id = s.id;
        o.name = s.name;
        o.dimensions = ['step', 'lr'];
        if (s.pin) o.lineStyle = { type: 'dotted', width: 2 };
      }
      if (changed) {
        o.data = points;
        shown.data.set(s.id, points);
      }
      if (i === 0 && markersChanged) {
        // Into the series' own markLine (the template's style, on a new
        // series), or one ECharts merges into it. Past a dozen, the labels
        // would overlap: lines only.
        const ml = o.markLine || (o.markLine = {});
        ml.data = info.markers.map((m) => ({ xAxis: m.step, name: m.label }));
        (ml.label || (ml.label = {})).show = info.markerLabels;
        shown.markers = markers;
      }
      series.push(o);
    });
    const update = { series };
    if (info.yType !== shown.yType) {
      update.yAxis = { type: info.yType };
      shown.yType = info.yType;
    }
    const x = JSON.stringify(info.x);
    if (x !== shown.x) {
      const per = info.x.perEpoch;
      update.xAxis = { name: info.x.name, axisLabel: { formatter: per ? (v) => String(Number((v / per).toPrecision(6))) : null } };
      shown.x = x;
    }
    if (replace) {
      if (withScrub) series.push(scrubSeries());
      update.legend = { show: info.legend };
      update.grid = { top: info.top };
      this.instance.setOption(update, { replaceMerge: ['series'] });
      for (const id of shown.data.keys()) if (!ids.includes(id)) shown.data.delete(id);
      shown.series = joined;
    } else if (series.length || update.yAxis || update.xAxis) {
      this.instance.setOption(update);
    }
  }

  // scrub moves the scrubber's marker: a point on the first curve and a
  // vertical line through it.
  scrub(x, y) {
    const line = { silent: true, symbol: 'none', label: { show: false }, lineStyle: { type: 'solid', width: 1 }, data: [{ xAxis: x }] };
    this.instance.setOption({ series: [{ id: 'scrub', data: [[x, y]], markLine: line }] });
  }

  // shade marks steps of the first curve, each range [from, to, name].
  shade(areas) {
    const markArea = {
      silent: true,
      data: areas.map(([from, to, name]) => [{ xAxis: from, name }, { xAxis: to }]),
      itemStyle: { color: 'rgba(199, 119, 0, 0.08)' },
      label: { show: true, position: 'insideTop', fontSize: 10, color: '#c77700' },
    };
    this.instance.setOption({ series: [{ id: 's0', markArea }] });
  }
}

function scrubSeries() {
  return {
    id: 'scrub', type: 'line', name: 'scrubber', silent: true, animation: false, showSymbol: true,
    symbol: 'circle', symbolSize: 9, z: 5, legendHoverLink: false, tooltip: { show: false }, data: [[0, 0]],
  };
}
