// One config for the viewer build (Vite) and the test runner (Vitest).
import { defineConfig } from 'vitest/config';
import { cesiumAssets } from './viewer/build/cesium-assets-plugin.ts';

export default defineConfig({
  root: 'viewer',
  base: './',
  plugins: [cesiumAssets()],
  // flood-sim's worker spawner (bundled with the replay reader) uses module workers with top-level await.
  worker: { format: 'es' },
  build: {
    outDir: '../dist/viewer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
  test: {
    root: '.',
    include: ['{cim-model,tiling,flood-sim,server,viewer,scripts,data}/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'data/demo-city/**'],
    // Two cores: keep one test file per core; long-running ones set their own timeouts.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 600_000,
    reporters: ['default', './scripts/testing/summary-reporter.ts'],
  },
});
