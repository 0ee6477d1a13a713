/**
 * A flood-sim ReplaySource over HTTP for the browser: the small index file is fetched whole (so
 * it works whether or not the server compresses it), the data file by byte ranges.
 * Replays are `<id>/replay.cfr` (data) beside `replay.cfi` (index).
 */
import type { ReplaySource } from '../../flood-sim/index.ts';

export function indexUrlFor(dataUrl: string): string {
  return dataUrl.replace(/\.[a-z0-9]+$/i, '.cfi');
}

export function browserReplaySource(dataUrl: string, fetchFn: typeof fetch = fetch): ReplaySource {
  const indexUrl = indexUrlFor(dataUrl);
  let index: Uint8Array | undefined;
  const loadIndex = async () => {
    const r = await fetchFn(indexUrl, { cache: 'no-store' });
    if (!r.ok) throw new Error(`${indexUrl}: HTTP ${r.status}`);
    index = new Uint8Array(await r.arrayBuffer());
    return index;
  };
  return {
    async size(file) {
      if (file === 'index') return (await loadIndex()).length;
      const r = await fetchFn(dataUrl, { method: 'HEAD' });
      return Number(r.headers.get('content-length') ?? 0);
    },
    async read(file, offset, length) {
      if (file === 'index') return (index ?? (await loadIndex())).slice(offset, offset + length);
      const r = await fetchFn(dataUrl, { headers: { Range: `bytes=${offset}-${offset + length - 1}` } });
      if (!r.ok) throw new Error(`${dataUrl}: HTTP ${r.status}`);
      const buf = new Uint8Array(await r.arrayBuffer());
      return r.status === 206 ? buf : buf.slice(offset, offset + length);
    },
  };
}

/** Index of the last frame at or before `t` seconds (frames sorted by time); -1 before the first. */
export function frameAt(times: readonly number[], t: number): number {
  let lo = 0, hi = times.length - 1, best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}
