import katex from 'katex';
import { defineConfig, type Plugin } from 'vite';
import { everyTex } from './src/notebook/every-tex.ts';
import { notebookSkeleton } from './src/notebook/prose-html.ts';
import { katexFontSubsets } from './tools/katex-font-subsets.ts';

const render = (tex: string, displayMode: boolean): string =>
  katex.renderToString(tex, { displayMode, throwOnError: true, trust: false, output: 'htmlAndMathml' });

/** Every equation the page may typeset (prerendered or live), as KaTeX HTML. */
function everyMathHtml(): string {
  return everyTex()
    .flatMap((tex) => [render(tex, false), render(tex, true)])
    .join('\n');
}

/** Typesets the notebook's prose into index.html at build time (and in dev), so math paints without JS. */
function prerenderNotebook(): Plugin {
  return {
    name: 'simplest-nn:prerender-notebook',
    transformIndexHtml(html, ctx) {
      if (!ctx.path.endsWith('/index.html')) return html;
      return html.replace('<!--notebook-->', notebookSkeleton(render));
    },
  };
}

/**
 * KaTeX's CSS lists each font as woff2, woff and ttf. Every browser that runs this page (WebGL2-era)
 * takes woff2, so the fallbacks are dropped: ~1 KB less render-blocking CSS, 40 fewer files in dist/.
 */
function katexWoff2Only(): Plugin {
  return {
    name: 'simplest-nn:katex-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('katex.min.css')) return null;
      return code.replace(/,url\([^)]*\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '');
    },
  };
}

/**
 * Plotly's registry names the map subplot's stylesheet, for a trace type this page never registers:
 * without this, the build would ship 83 KB of maplibre CSS with the figures.
 */
function noMapStylesheet(): Plugin {
  const id = 'maplibre-gl/dist/maplibre-gl.css';
  const empty = '\0simplest-nn:no-map-css';
  return {
    name: 'simplest-nn:no-map-css',
    enforce: 'pre',
    resolveId: (source) => (source === id ? empty : null),
    load: (source) => (source === empty ? '' : null),
  };
}

export default defineConfig({
  // Relative URLs: the build works from any sub-path of any static host, and from file copies.
  base: './',
  plugins: [prerenderNotebook(), katexWoff2Only(), katexFontSubsets(everyMathHtml), noMapStylesheet()],
  // plotly.js's sources (and a package of theirs, has-hover) read Node's `global`; Plotly's own
  // build defines it the same way.
  define: { global: 'globalThis' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // Fonts stay files: a data: URI font is blocked by a CSP without `font-src data:`, and a blog's
    // policy is not ours to choose. Other small assets may still be inlined.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
    rolldownOptions: {
      // bench.html is the harness of `npm run bench`; the page never links to it.
      input: { main: 'index.html', embed: 'embed.html', bench: 'bench.html' },
      output: {
        // One named chunk per heavy library, so the byte budget reads at a glance.
        codeSplitting: {
          groups: [
            { name: 'plotly', test: /node_modules[\\/]plotly\.js/ },
            // KaTeX's code only: its stylesheet, imported by both entries, must not make them load
            // and run the library at start.
            { name: 'katex', test: /node_modules[\\/]katex[\\/](?!.*\.css$)/ },
            { name: 'tfjs-webgl', test: /node_modules[\\/]@tensorflow[\\/]tfjs-backend-webgl/, priority: 1 },
            { name: 'tfjs-wasm', test: /node_modules[\\/]@tensorflow[\\/]tfjs-backend-wasm/, priority: 1 },
            { name: 'tfjs-core-cpu', test: /node_modules[\\/]@tensorflow[\\/]tfjs-(core|backend-cpu)/, priority: 2 },
            // The page's own code shared by the page and the embed, under a name that says so: the
            // controller and what it needs up front, and the views. tfjs's side (train/session and
            // the steppers), KaTeX's (notebook/math) and Plotly's (plots/) load later, on demand.
            {
              name: 'app',
              test: /[\\/]src[\\/](?:(?:controller|view|controls|params|share|core)[\\/]|notebook[\\/](?!math\.ts)|train[\\/](?:loop|pace|backend-control)\.ts$|(?:url|notices|print|presets|theme)\.ts$)/,
            },
          ],
        },
      },
    },
  },
  preview: { port: 4173, strictPort: true },
});
