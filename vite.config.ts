import { defineConfig } from 'vite';

export default defineConfig({
  // Relative URLs: the build works from any sub-path of any static host, and from file copies.
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // bench.html is the harness of `npm run bench`; the page never links to it.
      input: { main: 'index.html', bench: 'bench.html' },
      output: {
        // One named chunk per heavy library, so the byte budget reads at a glance.
        manualChunks(id: string) {
          if (id.includes('node_modules/plotly.js')) return 'plotly';
          if (id.includes('node_modules/katex')) return 'katex';
          if (id.includes('node_modules/@tensorflow/tfjs-backend-webgl')) return 'tfjs-webgl';
          if (id.includes('node_modules/@tensorflow/')) return 'tfjs-core-cpu';
          return undefined;
        },
      },
    },
  },
  preview: { port: 4173, strictPort: true },
});
