import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { summarizeGlb } from './summarize-glb.ts';
import { summarizeTileset } from './summarize-tileset.ts';

describe.skipIf(!hasSharedData())('inspect on the official 3D Tiles samples', () => {
  const dir = sharedDataPath('cim/3dtiles-samples/1.1/MetadataGranularities');
  const read = async (p: string) => {
    try {
      return new Uint8Array(readFileSync(path.join(dir, p)));
    } catch {
      return undefined;
    }
  };

  it('summarises a tileset with metadata at every granularity', async () => {
    const json = JSON.parse(readFileSync(path.join(dir, 'tileset.json'), 'utf8'));
    const s = await summarizeTileset(json, read);
    expect(s.version).toBe('1.1');
    expect(s.tiles).toBeGreaterThan(1);
    expect(s.schemaClasses.length).toBeGreaterThan(0);
    expect(s.missing).toEqual([]);
    expect(Object.values(s.contents).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('summarises a glb of the samples', async () => {
    const json = JSON.parse(readFileSync(path.join(dir, 'tileset.json'), 'utf8'));
    const uri = JSON.stringify(json).match(/"uri":"([^"]+\.glb)"/)![1];
    const s = summarizeGlb(new Uint8Array(readFileSync(path.join(dir, uri))), uri);
    expect(s.version).toBe(2);
    expect(s.triangles).toBeGreaterThan(0);
    expect(s.vertices).toBeGreaterThan(0);
    expect(s.bounds).toBeDefined();
  });
});

describe('glb errors', () => {
  it('names the byte offset and what was wrong', () => {
    expect(() => summarizeGlb(new Uint8Array(10), 'x.glb')).toThrow(/x.glb: byte 0: expected a 12-byte header/);
    const bad = new Uint8Array(24);
    new DataView(bad.buffer).setUint32(0, 0x12345678, true);
    expect(() => summarizeGlb(bad, 'x.glb')).toThrow(/x.glb: byte 0: expected magic 'glTF', found 0x12345678/);
  });
});
