/** What every panel gets: the viewer, the server's config, translation, and a place to report errors. */
import type { Viewer } from 'cesium';
import type { ViewerConfig } from '../server/index.ts';
import type { CityModel } from './cesium/city-layers.ts';
import type { Locale, MessageKey } from './i18n/i18n.ts';

export interface AppContext {
  viewer: Viewer;
  config: ViewerConfig;
  locale: Locale;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  city: CityModel;
  /** Shows a panel (by tab key) and returns its element. */
  showPanel(key: string): HTMLElement;
  /** The bearer token the user entered (writes), if any. */
  token(): string;
}

/** Test and benchmark hooks on `window.__cimflow`. */
export interface DebugHooks {
  ready: boolean;
  frames: number;
  errors: string[];
  viewer?: Viewer;
  [key: string]: unknown;
}

declare global {
  interface Window {
    __cimflow: DebugHooks;
  }
}
