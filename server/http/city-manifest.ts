/**
 * The parts of a demo city's `city.json` (written by `cimflow demo-data`, schema in
 * scripts/demo-city/city-manifest.ts) the server reads: layer paths, extent, geoid offset. Paths are relative
 * to the city folder; coordinates EPSG:4544 metres, easting first; the geoid offset N gives ellipsoidal
 * h = H + N from 1985-datum heights H.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const Extent = z.object({ west: z.number(), south: z.number(), east: z.number(), north: z.number() });

export const ServedCityManifestSchema = z.object({
  name: z.string(),
  crs: z.object({ horizontal: z.string() }),
  verticalDatum: z.object({ geoid: z.object({ offset: z.number() }) }),
  extent: z.object({ projected: Extent, geographic: Extent, centreLonLat: z.tuple([z.number(), z.number()]) }),
  layers: z.array(z.object({ id: z.string(), kind: z.string(), path: z.string() })),
});

export type ServedCityManifest = z.infer<typeof ServedCityManifestSchema>;

export interface CityInfo {
  dir: string;
  manifest: ServedCityManifest;
  /** Absolute path of the first layer of `kind`, if any. */
  layer(kind: string): string | undefined;
}

/** Reads `<dir>/city.json`; undefined when there is none. Errors name the file and field. */
export async function readCityManifest(dir: string): Promise<CityInfo | undefined> {
  const file = path.join(dir, 'city.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const r = ServedCityManifestSchema.safeParse(JSON.parse(text));
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const manifest = r.data;
  return {
    dir,
    manifest,
    layer(kind) {
      const l = manifest.layers.find((x) => x.kind === kind);
      return l ? path.resolve(dir, l.path) : undefined;
    },
  };
}
