import { defineConfig } from 'vite';

// embed.js, the blog loader: one small self-contained IIFE next to the site in dist/.
export default defineConfig({
  publicDir: false,
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
