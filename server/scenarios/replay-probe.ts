/**
 * Water depth at a point and time from a finished replay (contracts `ScenarioProbe`), so the demo sensor
 * feed and the replay the viewer plays agree. Frames are kept sparse (runs of wet cells, depth in replay
 * units) and interpolated linearly in time; a point outside the grid has no depth.
 */
import { fileReplaySource, ReplayReader, type ReplayFrameRecord, type ReplayHeader } from '../../flood-sim/index.ts';

export interface ReplayDepths {
  readonly header: ReplayHeader;
  /** Depth (m) at (x, y) in the replay's CRS metres at simulated time t (s); undefined outside the grid. */
  depthAt(x: number, y: number, t: number): number | undefined;
  /** Simulated time of the last frame (s). */
  readonly duration: number;
}

/** Depth of cell c in a sparse frame, in replay units (binary search over the runs). */
function sparseDepth(f: ReplayFrameRecord, c: number, offsets: Uint32Array): number {
  let lo = 0, hi = f.runStart.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = f.runStart[mid];
    if (c < s) hi = mid - 1;
    else if (c >= s + f.runLength[mid]) lo = mid + 1;
    else return f.depth[offsets[mid] + (c - s)];
  }
  return 0;
}

export async function loadReplayDepths(dir: string, name = 'replay'): Promise<ReplayDepths> {
  const reader = await ReplayReader.open(await fileReplaySource(dir, name));
  const h = reader.header;
  const frames: Array<{ time: number; rec: ReplayFrameRecord; offsets: Uint32Array }> = [];
  for (let k = 0; k < reader.frameCount; k++) {
    const rec = await reader.frameRecord(k);
    const offsets = new Uint32Array(rec.runStart.length);
    for (let r = 1; r < offsets.length; r++) offsets[r] = offsets[r - 1] + rec.runLength[r - 1];
    frames.push({ time: rec.time, rec, offsets });
  }
  if (frames.length === 0) throw new Error(`${dir}: the replay has no frames`);
  const at = (k: number, c: number) => sparseDepth(frames[k].rec, c, frames[k].offsets) * h.depthScale;
  return {
    header: h,
    duration: frames[frames.length - 1].time,
    depthAt(x, y, t) {
      // originX/originY are the grid's west and north edges; row 0 is the northern row.
      const i = Math.floor((x - h.originX) / h.cellSize), j = Math.floor((h.originY - y) / h.cellSize);
      if (!(i >= 0 && i < h.nx && j >= 0 && j < h.ny)) return undefined;
      const c = i + j * h.nx;
      if (t <= frames[0].time) return at(0, c);
      if (t >= frames[frames.length - 1].time) return at(frames.length - 1, c);
      let k = 0;
      while (frames[k + 1].time < t) k++;
      const w = (t - frames[k].time) / (frames[k + 1].time - frames[k].time);
      return (1 - w) * at(k, c) + w * at(k + 1, c);
    },
  };
}
