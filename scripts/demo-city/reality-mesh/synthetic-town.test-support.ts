/**
 * Test and benchmark support: a synthetic town input for writeRealityMesh — rolling DEM, a grid of
 * rectangular buildings, and a gradient orthophoto with darker roofs.
 */
import type { RealityMeshInput } from './write-reality-mesh.ts';

export function syntheticTown(n: number, cellSize: number, buildingsPerSide: number, orthoScale = 1): RealityMeshInput {
  const west = 500000;
  const north = 3300000;
  const heights = new Float32Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) heights[i + j * n] = 430 + 8 * Math.sin(i / 37) + 5 * Math.cos(j / 23) + 0.02 * i;
  const size = n * cellSize;
  const buildings: RealityMeshInput['buildings'] = [];
  const pitch = size / buildingsPerSide;
  for (let bj = 0; bj < buildingsPerSide; bj++) {
    for (let bi = 0; bi < buildingsPerSide; bi++) {
      const cx = west + (bi + 0.5) * pitch;
      const cy = north - (bj + 0.5) * pitch;
      const hw = Math.min(12, pitch * 0.3);
      const hh = Math.min(8, pitch * 0.25);
      // Every third building is L-shaped (concave roof).
      const ring: Array<[number, number]> = (bi + bj) % 3 === 0
        ? [[cx - hw, cy - hh], [cx + hw, cy - hh], [cx + hw, cy], [cx, cy], [cx, cy + hh], [cx - hw, cy + hh], [cx - hw, cy - hh]]
        : [[cx - hw, cy - hh], [cx + hw, cy - hh], [cx + hw, cy + hh], [cx - hw, cy + hh], [cx - hw, cy - hh]];
      buildings.push({ ring, base: 425, height: 6 + ((bi * 7 + bj * 3) % 5) * 3 });
    }
  }
  const ow = Math.round(n * orthoScale);
  const rgb = new Uint8Array(ow * ow * 3);
  for (let y = 0; y < ow; y++) {
    for (let x = 0; x < ow; x++) {
      const o = (y * ow + x) * 3;
      rgb[o] = 60 + ((x * 97) / ow) | 0; rgb[o + 1] = 110 + ((y * 80) / ow) | 0; rgb[o + 2] = 60;
    }
  }
  return {
    srs: 'EPSG:4544', origin: [west + size / 2, north - size / 2, 400],
    dem: { nx: n, ny: n, cellSize, west, north, heights }, buildings, ortho: { width: ow, height: ow, rgb }, tileSize: 500,
  };
}
