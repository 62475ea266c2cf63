/*! Apache ECharts, Copyright 2017-2026 The Apache Software Foundation.
 * This product includes software developed at The Apache Software Foundation
 * (https://www.apache.org/). Licensed under the Apache License, Version 2.0:
 * http://www.apache.org/licenses/LICENSE-2.0. With ZRender (BSD-3-Clause,
 * Copyright (c) 2017, Baidu Inc.) and tslib (0BSD); trimmed for LR Playground
 * by assets/echarts-entry.js. */

// The ECharts the site ships: echarts/core with only the parts the pages use,
// which `make build` bundles with esbuild (assets/build-echarts.mjs) into an
// IIFE that sets the global `echarts`, as the package's full
// dist/echarts.min.js does, at about half its size. The 'dark' theme and the
// value and log axes come with the core; a chart type or component an option
// names that is not here is ignored (the base option's empty title; nothing
// asks for ECharts' aria, since the page writes each chart's aria-label
// itself). The SVG renderer, which only the SVG download uses, is not here:
// it is echarts-svg.js (echarts-svg-entry.js), loaded at the first SVG
// download, and it shares this bundle's zrender modules (zrender's SVG painter
// checks their classes with instanceof) through the global's __lrplaySVG.
import { use } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([
  LineChart,
  GridComponent,
  TooltipComponent, // with the axis pointer, for tooltip.trigger 'axis'
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent, // the pitfalls' steps
  CanvasRenderer,
]);

// The global's API is echarts/core's, as in the full build: init,
// getInstanceByDom, dispose, registerTheme, connect, graphic, ...
export * from 'echarts/core';
