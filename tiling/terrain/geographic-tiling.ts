/**
 * The geographic tiling scheme Cesium terrain uses (EPSG:4326; `layer.json` "projection":
 * "EPSG:4326", "scheme": "tms"): level 0 has two tiles, each level doubles both ways, tile y
 * counts from the south (TMS). Angles in degrees.
 */

export interface TileKey {
  z: number;
  x: number;
  y: number;
}

export interface LonLatRect {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Width (and height) of a tile at level z, degrees. */
export function tileSpan(z: number): number {
  return 180 / 2 ** z;
}

export function tileRect({ z, x, y }: TileKey): LonLatRect {
  const s = tileSpan(z);
  return { west: -180 + x * s, east: -180 + (x + 1) * s, south: -90 + y * s, north: -90 + (y + 1) * s };
}

/** The inclusive x/y range of tiles at level z that intersect `r`. */
export function tilesCovering(r: LonLatRect, z: number): { startX: number; endX: number; startY: number; endY: number } {
  const s = tileSpan(z);
  const clampX = (v: number) => Math.min(2 ** (z + 1) - 1, Math.max(0, v));
  const clampY = (v: number) => Math.min(2 ** z - 1, Math.max(0, v));
  return {
    startX: clampX(Math.floor((r.west + 180) / s)),
    endX: clampX(Math.ceil((r.east + 180) / s) - 1),
    startY: clampY(Math.floor((r.south + 90) / s)),
    endY: clampY(Math.ceil((r.north + 90) / s) - 1),
  };
}
