import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/** The element's TypeScript types, shipped beside embed.js as embed.d.ts. */
function shipTypes(): Plugin {
  return {
    name: 'simplest-nn:embed-types',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'embed.d.ts',
        source: readFileSync('src/embed/simplest-nn.d.ts', 'utf8'),
      });
    },
  };
}

// embed.js, the blog loader: one small self-contained IIFE next to the site in dist/.
export default defineConfig({
  publicDir: false,
  plugins: [shipTypes()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    lib: {
      entry: 'src/embed/loader.ts',
      formats: ['iife'],
      name: 'SimplestNNEmbed',
      fileName: () => 'embed.js',
    },
  },
});
