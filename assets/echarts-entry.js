/*! Apache ECharts, Copyright 2017-2026 The Apache Software Foundation.
 * This product includes software developed at The Apache Software Foundation
 * (https://www.apache.org/). Licensed under the Apache License, Version 2.0:
 * http://www.apache.org/licenses/LICENSE-2.0. With ZRender (BSD-3-Clause,
 * Copyright (c) 2017, Baidu Inc.) and tslib (0BSD); trimmed for LR Playground
 * by assets/echarts-entry.js. */

// The ECharts the site ships: echarts/core with only the parts the pages use,
// which `make build` bundles with esbuild into an IIFE that sets the global
// `echarts`, as the package's full dist/echarts.min.js does, at about half
// its size. The 'dark' theme and the value and log axes come with the core;
// a chart type or component an option names that is not here is ignored
// (the base option's empty title; nothing asks for ECharts' aria, since the
// page writes each chart's aria-label itself). The SVG renderer stays (7 KB
// with brotli): the SVG download draws with it at the click. Loaded on
// demand instead, as a second ECharts for the off-screen chart (it could
// not join this one: zrender's SVG painter checks its own classes with
// instanceof), the click would have to wait for a script to save the file.
import { use } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  LineChart,
  GridComponent,
  TooltipComponent, // with the axis pointer, for tooltip.trigger 'axis'
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent, // the pitfalls' steps
  CanvasRenderer,
  SVGRenderer, // the SVG download
]);

// The global's API is echarts/core's, as in the full build: init,
// getInstanceByDom, dispose, registerTheme, connect, graphic, ...
export * from 'echarts/core';
