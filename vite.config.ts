import { defineConfig } from 'vite';

export default defineConfig({
  // Relative URLs: the build works from any sub-path of any static host, and from file copies.
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // bench.html is the harness of `npm run bench`; the page never links to it.
      input: { main: 'index.html', embed: 'embed.html', bench: 'bench.html' },
      output: {
        // One named chunk per heavy library, so the byte budget reads at a glance.
        codeSplitting: {
          groups: [
            { name: 'plotly', test: /node_modules[\\/]plotly\.js/ },
            { name: 'katex', test: /node_modules[\\/]katex/ },
            { name: 'tfjs-webgl', test: /node_modules[\\/]@tensorflow[\\/]tfjs-backend-webgl/, priority: 1 },
            { name: 'tfjs-wasm', test: /node_modules[\\/]@tensorflow[\\/]tfjs-backend-wasm/, priority: 1 },
            { name: 'tfjs-core-cpu', test: /node_modules[\\/]@tensorflow[\\/]tfjs-(core|backend-cpu)/, priority: 2 },
          ],
        },
      },
    },
  },
  preview: { port: 4173, strictPort: true },
});
