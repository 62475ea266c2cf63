// Bundles the site's ECharts (make build): echarts-entry.js into an IIFE that
// sets the global `echarts` (echarts.min.js), and echarts-svg-entry.js, the SVG
// renderer the SVG download loads on demand (echarts-svg.js). The second would
// carry its own copy of the zrender modules it shares with the first, whose
// classes zrender's SVG painter checks with instanceof; so the first exports
// those modules as echarts.__lrplaySVG, and the second reads them from there.
// Usage: node build-echarts.mjs OUT_DIR
import * as esbuild from 'esbuild';
import path from 'node:path';

const out = process.argv[2];
if (!out) throw new Error('usage: node build-echarts.mjs OUT_DIR');
const common = {
  bundle: true,
  minify: true,
  target: 'es2020',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  absWorkingDir: process.cwd(),
};
// The modules a bundle of entry has code of, each with the modules it imports.
async function modules(entry) {
  const { metafile } = await esbuild.build({ ...common, entryPoints: [entry], format: 'esm', write: false, metafile: true, outdir: 'out' });
  const [{ inputs }] = Object.values(metafile.outputs);
  const used = Object.keys(inputs).filter((f) => inputs[f].bytesInOutput > 0);
  return new Map(used.map((f) => [f, metafile.inputs[f].imports.map((im) => im.path)]));
}

// The shared modules: those the SVG renderer's own modules import that the main bundle has.
const main = await modules('echarts-entry.js');
const svg = await modules('echarts-svg-entry.js');
const shared = new Set();
for (const [file, imports] of svg) {
  if (main.has(file)) continue;
  for (const im of imports) if (main.has(im)) shared.add(im);
}
const keys = [...shared].sort();

await esbuild.build({
  ...common,
  stdin: {
    contents:
      "export * from './echarts-entry.js';\n" +
      keys.map((k, i) => `import * as m${i} from './${k}';\n`).join('') +
      `export const __lrplaySVG = {${keys.map((k, i) => `${JSON.stringify(k)}: m${i}`).join(', ')}};\n`,
    resolveDir: process.cwd(),
    sourcefile: 'echarts-main.js',
  },
  format: 'iife',
  globalName: 'echarts',
  outfile: path.join(out, 'echarts.min.js'),
});

await esbuild.build({
  ...common,
  entryPoints: ['echarts-svg-entry.js'],
  format: 'iife',
  outfile: path.join(out, 'echarts-svg.js'),
  plugins: [{
    name: 'shared',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'shared' || args.kind === 'entry-point') return undefined;
        const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'shared' });
        const key = path.relative(process.cwd(), r.path).split(path.sep).join('/');
        return shared.has(key) ? { path: key, namespace: 'shared' } : undefined;
      });
      // A module that exports what the main bundle's module does, by name.
      build.onLoad({ filter: /.*/, namespace: 'shared' }, async (args) => {
        const { metafile } = await esbuild.build({ entryPoints: [args.path], format: 'esm', write: false, metafile: true, outdir: 'out' });
        const [{ exports }] = Object.values(metafile.outputs);
        const names = exports.filter((n) => n !== 'default');
        return {
          contents: `const m = echarts.__lrplaySVG[${JSON.stringify(args.path)}];\n` +
            (exports.includes('default') ? 'export default m.default;\n' : '') +
            (names.length ? `export const { ${names.join(', ')} } = m;\n` : ''),
          loader: 'js',
        };
      });
    },
  }],
});
