import { describe, expect, it } from 'vitest';
import { checkViewerConfig, ConfigError, fetchViewerConfig } from '../config/viewer-config.ts';
import { cimLayersOf } from './cim-layers.ts';

describe('cimLayersOf', () => {
  it('reads layers from the groups the root children name', () => {
    const root = {
      groups: [{ class: 'cimLayer', properties: { id: 'buildings', name: 'Buildings', kind: 'buildings' } }, { class: 'cimLayer', properties: { id: 'pipes-storm', name: 'Storm sewers', kind: 'pipes' } }],
      root: { children: [{ content: { uri: 'pipes-storm/tileset.json', group: 1 } }, { content: { uri: 'buildings/tileset.json', group: 0 } }, { content: { uri: 'extra/tileset.json' } }, {}] },
    };
    expect(cimLayersOf(root, 'http://h/tiles/tileset.json')).toEqual([
      { id: 'pipes-storm', name: 'Storm sewers', kind: 'pipes', url: 'http://h/tiles/pipes-storm/tileset.json' },
      { id: 'buildings', name: 'Buildings', kind: 'buildings', url: 'http://h/tiles/buildings/tileset.json' },
      { id: 'extra', name: 'extra', kind: 'other', url: 'http://h/tiles/extra/tileset.json' },
    ]);
  });
});

describe('viewer config', () => {
  const good = { title: 'T', tileset: '/tiles/tileset.json', terrain: null, imagery: null, home: { lon: 106, lat: 30, height: 900, heading: 0, pitch: -45 }, crs: 'EPSG:4544', geoidOffset: -40.04, sensorThings: '/v1.1', publicReadOnly: true };
  it('accepts the contract and names the bad field otherwise', () => {
    expect(checkViewerConfig(good)).toEqual(good);
    expect(() => checkViewerConfig({ ...good, home: { lon: 1 } })).toThrow(/home/);
    expect(() => checkViewerConfig({ ...good, imagery: { url: 'x' } })).toThrow(/imagery/);
    expect(() => checkViewerConfig('x')).toThrow(ConfigError);
  });
  it('turns network and HTTP failures into ConfigError', async () => {
    await expect(fetchViewerConfig('/api/config', (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch)).rejects.toThrow('/api/config: Failed to fetch');
    await expect(fetchViewerConfig('/api/config', (async () => new Response('no', { status: 502 })) as typeof fetch)).rejects.toThrow('HTTP 502');
    await expect(fetchViewerConfig('/api/config', (async () => new Response('<html>', { status: 200 })) as typeof fetch)).rejects.toThrow('not JSON');
  });
});
