/**
 * Serves CesiumJS's static runtime (Workers, Assets, Widgets, ThirdParty) under `/cesium/` in dev
 * and copies it into the build, so the viewer runs fully offline. The page sets
 * `window.CESIUM_BASE_URL = './cesium/'` (index.html) before Cesium loads.
 */
import { createReadStream } from 'node:fs';
import { cp, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'vite';

export const CESIUM_ASSET_DIRS = ['Workers', 'Assets', 'Widgets', 'ThirdParty'] as const;

export interface CesiumAssetsOptions {
  /** node_modules/cesium/Build/Cesium by default. */
  source?: string;
  /** URL prefix and folder name in the build. */
  base?: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.xml': 'application/xml', '.glb': 'model/gltf-binary',
};

export function cesiumAssets(options: CesiumAssetsOptions = {}): Plugin {
  const source = options.source ?? path.resolve('node_modules/cesium/Build/Cesium');
  const base = options.base ?? 'cesium';
  let outDir = '';
  return {
    name: 'cimflow-cesium-assets',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(`/${base}/`, (req, res, next) => {
        const rel = decodeURIComponent((req.url ?? '').split('?')[0]).replace(/^\/+/, '');
        const file = path.resolve(source, rel);
        if (!file.startsWith(source + path.sep) || !CESIUM_ASSET_DIRS.some((d) => rel.startsWith(`${d}/`))) return next();
        stat(file).then((s) => {
          if (!s.isFile()) return next();
          res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        }, () => next());
      });
    },
    async writeBundle() {
      for (const dir of CESIUM_ASSET_DIRS) await cp(path.join(source, dir), path.join(outDir, base, dir), { recursive: true });
    },
  };
}
