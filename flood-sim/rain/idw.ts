/**
 * Inverse-distance weighting of rain gauges to cell centres (Shepard 1968): w_k = d_k^(−p) / Σ d^(−p).
 * A cell on a gauge takes that gauge alone.
 */
export function inverseDistanceWeights(
  grid: { nx: number; ny: number; dx: number; x0: number; y0: number },
  gauges: { x: number; y: number }[],
  power: number,
): Float32Array {
  const cells = grid.nx * grid.ny;
  const w = new Float32Array(gauges.length * cells);
  const d = new Float64Array(gauges.length);
  for (let j = 0; j < grid.ny; j++) {
    for (let i = 0; i < grid.nx; i++) {
      const c = i + j * grid.nx;
      const x = grid.x0 + (i + 0.5) * grid.dx, y = grid.y0 - (j + 0.5) * grid.dx;
      let exact = -1, sum = 0;
      for (let k = 0; k < gauges.length; k++) {
        const dist = Math.hypot(x - gauges[k].x, y - gauges[k].y);
        if (dist < 1e-9) exact = k;
        d[k] = Math.pow(dist, -power);
        sum += d[k];
      }
      for (let k = 0; k < gauges.length; k++) w[k * cells + c] = exact >= 0 ? (k === exact ? 1 : 0) : d[k] / sum;
    }
  }
  return w;
}
