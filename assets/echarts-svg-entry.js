/*! Apache ECharts' SVG renderer (Apache License 2.0) with ZRender's SVG painter
 * (BSD-3-Clause, Copyright (c) 2017, Baidu Inc.); see echarts.min.js. */

// ECharts' SVG renderer, for the SVG download: loaded at the first one, it
// registers itself with the global `echarts` (echarts-entry.js), whose
// zrender modules it uses (assets/build-echarts.mjs resolves them to the
// global's __lrplaySVG).
import { install as SVGRenderer } from 'echarts/lib/renderer/installSVGRenderer.js';

echarts.use(SVGRenderer);
