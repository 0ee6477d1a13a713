/**
 * The full default city (3 km, 2 m cells) against the headline numbers. Generating it takes about 30 s of
 * CPU (longer on a busy machine).
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CityManifestSchema, type CityManifest } from './city-manifest.ts';
import { parseDemoCityOptions } from './demo-city-options.ts';
import { generateDemoCity, type DemoCitySummary } from './generate-demo-city.ts';
import { readGeoTiff } from './demo-city-reader.test-support.ts';

describe('full demo city', () => {
  let dir: string;
  let summary: DemoCitySummary;
  let manifest: CityManifest;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'demo-city-full-'));
    summary = await generateDemoCity(parseDemoCityOptions({ output: path.join(dir, 'city') }));
    manifest = CityManifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'city', 'city.json'), 'utf8')));
  }, 600_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('meets the headline numbers', async () => {
    const { image } = await readGeoTiff(path.join(dir, 'city', 'terrain/dem.tif'));
    expect(image.getWidth()).toBeGreaterThanOrEqual(1500);
    expect(image.getHeight()).toBeGreaterThanOrEqual(1500);
    expect(image.getResolution()[0]).toBeLessThanOrEqual(2);
    expect(summary.counts.buildings).toBeGreaterThanOrEqual(3000);
    expect(summary.counts.pipes).toBeGreaterThanOrEqual(400);
    expect(summary.counts.sensors).toBeGreaterThanOrEqual(60);
    expect(summary.counts.bimProjects).toBeGreaterThanOrEqual(2);
    expect(readdirSync(path.join(dir, 'city', 'bim')).filter((f) => f.endsWith('.ifc')).length).toBeGreaterThanOrEqual(2);
    expect(existsSync(path.join(dir, 'city', 'reality-mesh', 'metadata.xml'))).toBe(true);
    expect(manifest.extent.projected.east - manifest.extent.projected.west).toBe(3000);
    console.log(`full demo city: ${summary.seconds} s wall`, summary.counts);
  });
});
