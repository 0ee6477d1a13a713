/**
 * Tile content frames. Vertices are stored in Float32 relative to a local east-north-up frame
 * (cim-model EnuFrame, metres), and the frame's Float64 ENU→ECEF matrix becomes the tile
 * `transform`. glTF is y-up and 3D Tiles rotates glTF content from y-up to z-up before applying
 * tile transforms (3D Tiles 1.1 §"glTF transforms" / "y-up to z-up"), so ENU (e, n, u) is written
 * as glTF (x, y, z) = (e, u, −n); the runtime's (x, −z, y) brings it back to (e, n, u).
 */
import { EnuFrame } from '../../cim-model/index.ts';

/** ENU → glTF y-up, in place on a flat xyz array. */
export function enuToYUp(e: number, n: number, u: number, out: Float32Array, at: number): void {
  out[at] = e;
  out[at + 1] = u;
  out[at + 2] = -n;
}

/** The ENU frame at the centre of an ECEF box (its origin on the ellipsoid normal of the centre). */
export function frameAtCentre(min: ArrayLike<number>, max: ArrayLike<number>): EnuFrame {
  return EnuFrame.fromEcef((min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2);
}

/** A 3D Tiles oriented `box` (centre, then the three half-axis vectors) of an axis-aligned local box. */
export function boxOf(min: ArrayLike<number>, max: ArrayLike<number>, pad = 0): number[] {
  const half = [0, 1, 2].map((i) => Math.max((max[i] - min[i]) / 2 + pad, 1e-3));
  const centre = [0, 1, 2].map((i) => (min[i] + max[i]) / 2);
  return [centre[0], centre[1], centre[2], half[0], 0, 0, 0, half[1], 0, 0, 0, half[2]];
}
