/**
 * ContextCapture / DJI Terra `metadata.xml`: the spatial reference of a reality-mesh production.
 *   <ModelMetadata version="1"><SRS>EPSG:4544</SRS><SRSOrigin>622555,3319684,0</SRSOrigin></ModelMetadata>
 * SRS may be `EPSG:n`, `ENU:lat,lon` or WKT; vertex coordinates in the tiles are relative to SRSOrigin.
 */
import { XMLParser } from 'fast-xml-parser';
import { parseCrs } from '../../cim-model/index.ts';

export interface RealityMetadata {
  srs: string;
  origin: [number, number, number];
}

export class RealityMeshError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'RealityMeshError';
  }
}

export function parseMetadataXml(text: string, file = 'metadata.xml'): RealityMetadata {
  let doc: Record<string, unknown>;
  try {
    doc = new XMLParser({ parseTagValue: false, trimValues: true }).parse(text, true) as Record<string, unknown>;
  } catch (e) {
    throw new RealityMeshError(file, `malformed XML: ${(e as Error).message}`);
  }
  const meta = doc.ModelMetadata as Record<string, unknown> | undefined;
  if (!meta) throw new RealityMeshError(file, 'expected a <ModelMetadata> root element, found none');
  const srs = typeof meta.SRS === 'string' ? meta.SRS.trim() : '';
  if (!srs) throw new RealityMeshError(file, '<SRS>: expected EPSG:n, ENU:lat,lon or WKT, found nothing');
  try {
    parseCrs(srs);
  } catch (e) {
    throw new RealityMeshError(file, `<SRS>: ${(e as Error).message}`);
  }
  const raw = typeof meta.SRSOrigin === 'string' ? meta.SRSOrigin.trim() : '0,0,0';
  const parts = raw.split(/[\s,]+/).map(Number);
  if (parts.length < 2 || parts.length > 3 || parts.some((v) => !Number.isFinite(v))) {
    throw new RealityMeshError(file, `<SRSOrigin>: expected 'x,y[,z]' numbers, found '${raw}'`);
  }
  return { srs, origin: [parts[0], parts[1], parts[2] ?? 0] };
}
