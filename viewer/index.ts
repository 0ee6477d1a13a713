/**
 * viewer: the CesiumJS app (entry `main.ts`, page `index.html`, built by Vite into dist/viewer).
 * This is its import surface for other folders: the engine-free modules (configuration, i18n,
 * live protocol, layers, replay access) and the Vite plugin that ships Cesium's static assets.
 */
export { cesiumAssets, CESIUM_ASSET_DIRS, type CesiumAssetsOptions } from './build/cesium-assets-plugin.ts';
export { ConfigError, checkViewerConfig, fetchViewerConfig } from './config/viewer-config.ts';
export { LOCALES, format, pickLocale, type Locale, type MessageKey } from './i18n/i18n.ts';
export { cimLayersOf, type CimLayer } from './layers/cim-layers.ts';
export { LiveProtocol, type LiveHandlers } from './live/live-client.ts';
export { ALARM_LEVELS, parseLiveMessage } from './live/live-messages.ts';
export { browserReplaySource, frameAt, indexUrlFor } from './replay/replay-source.ts';
