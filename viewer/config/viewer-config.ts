/** `GET /api/config` (server/contracts.ts ViewerConfig), checked at the boundary. */
import type { ViewerConfig } from '../../server/index.ts';

export class ConfigError extends Error {}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStrOrNull = (v: unknown) => v === null || typeof v === 'string';

export function checkViewerConfig(data: unknown): ViewerConfig {
  const c = data as ViewerConfig;
  const fail = (field: string, expected: string) => {
    throw new ConfigError(`/api/config: ${field}: expected ${expected}, found ${JSON.stringify((c as unknown as Record<string, unknown>)?.[field])}`);
  };
  if (typeof data !== 'object' || data === null) throw new ConfigError('/api/config: expected an object');
  if (!isStrOrNull(c.tileset)) fail('tileset', 'a URL or null');
  if (!isStrOrNull(c.terrain)) fail('terrain', 'a URL or null');
  if (c.imagery !== null) {
    const i = c.imagery;
    if (typeof i !== 'object' || typeof i.url !== 'string' || !Array.isArray(i.bounds) || i.bounds.length !== 4 || !i.bounds.every(isNum) || !isNum(i.minLevel) || !isNum(i.maxLevel)) {
      fail('imagery', '{ url, bounds[4], minLevel, maxLevel } or null');
    }
  }
  const h = c.home;
  if (typeof h !== 'object' || h === null || ![h.lon, h.lat, h.height, h.heading, h.pitch].every(isNum)) fail('home', '{ lon, lat, height, heading, pitch }');
  if (typeof c.sensorThings !== 'string') fail('sensorThings', 'a URL');
  return { ...c, title: typeof c.title === 'string' ? c.title : 'cimflow', crs: String(c.crs ?? ''), geoidOffset: isNum(c.geoidOffset) ? c.geoidOffset : 0, publicReadOnly: c.publicReadOnly !== false };
}

export async function fetchViewerConfig(url = 'api/config', fetchFn: typeof fetch = fetch): Promise<ViewerConfig> {
  let r: Response;
  try {
    r = await fetchFn(url, { cache: 'no-store' });
  } catch (error) {
    throw new ConfigError(`${url}: ${(error as Error).message}`);
  }
  if (!r.ok) throw new ConfigError(`${url}: HTTP ${r.status}`);
  let body: unknown;
  try {
    body = await r.json();
  } catch {
    throw new ConfigError(`${url}: not JSON`);
  }
  return checkViewerConfig(body);
}
