import { defineConfig } from 'vite';

export default defineConfig({
  // Relative URLs: the build works from any sub-path of any static host, and from file copies.
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  preview: { port: 4173, strictPort: true },
});
