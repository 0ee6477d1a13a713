/**
 * The BIM projects a city starts with: its `bim-project` features (cim-model schema, GeoJSON in EPSG:4544)
 * as `BimProjectSummary` rows. The location for fly-to is the IFC placement origin taken from
 * EPSG:4544 + 1985 heights (EPSG:5737) to CGCS2000/WGS 84 ellipsoidal (EPSG:4979) with the city's geoid offset.
 */
import { readFile } from 'node:fs/promises';
import { bimLayerId, parseFeatureCollection, transformPoint } from '../../cim-model/index.ts';
import type { BimProjectSummary } from '../contracts.ts';

/** `layer` is the layer of projects without an IFC file; those with one get their model's layer (bimLayerId). */
export async function readProjectFeatures(file: string, geoidOffset: number, layer: string): Promise<BimProjectSummary[]> {
  const collection = parseFeatureCollection(JSON.parse(await readFile(file, 'utf8')), { file });
  const out: BimProjectSummary[] = [];
  for (const f of collection.features) {
    if (f.type !== 'bim-project') continue;
    const origin = f.placement?.origin;
    const location = origin
      ? transformPoint(`${f.crs ?? collection.crs ?? 'EPSG:4544'}+5737`, 'EPSG:4979', origin, { geoid: { kind: 'constant', offset: geoidOffset } })
      : undefined;
    out.push({
      id: f.id,
      name: f.name,
      permitNumber: f.permitNumber,
      status: f.status,
      submittedDate: f.submittedDate,
      ...(f.reviewedDate ? { reviewedDate: f.reviewedDate } : {}),
      ...(f.decidedDate ? { decidedDate: f.decidedDate } : {}),
      parcelId: f.parcelId,
      ...(f.developer ? { developer: f.developer } : {}),
      ...(location ? { location: { lon: +location[0].toFixed(8), lat: +location[1].toFixed(8), height: +location[2].toFixed(3) } } : {}),
      layer: f.ifcFile ? bimLayerId(f.ifcFile) : layer,
    });
  }
  return out;
}
