/**
 * Storage-unit geometry (ft, ft², ft³): surface area A(d) and volume V(d) = ∫A.
 * FUNCTIONAL: A = a·d^b + c; TABULAR: piecewise-linear (depth, area) curve
 * (SWMM 5 Reference Manual Vol. II §2.2, storage units).
 */
import type { NetworkData } from './build-network.ts';

export function storageArea(net: NetworkData, n: number, d: number): number {
  const t = net.storageTable[n];
  if (!t) return net.storageA[n] * Math.pow(Math.max(d, 0), net.storageB[n]) + net.storageC[n];
  const m = t.length / 2;
  if (d <= t[0]) return t[1];
  for (let k = 1; k < m; k++) {
    if (d <= t[2 * k]) {
      const f = (d - t[2 * k - 2]) / (t[2 * k] - t[2 * k - 2]);
      return t[2 * k - 1] + f * (t[2 * k + 1] - t[2 * k - 1]);
    }
  }
  return t[2 * m - 1];
}

export function storageVolume(net: NetworkData, n: number, d: number): number {
  if (d <= 0) return 0;
  const t = net.storageTable[n];
  if (!t) return (net.storageA[n] / (net.storageB[n] + 1)) * Math.pow(d, net.storageB[n] + 1) + net.storageC[n] * d;
  const m = t.length / 2;
  let v = 0;
  let dPrev = 0;
  let aPrev = storageArea(net, n, 0);
  for (let k = 0; k <= m; k++) {
    const dk = k < m ? Math.min(t[2 * k], d) : d;
    if (dk <= dPrev) continue;
    const ak = storageArea(net, n, dk);
    v += 0.5 * (aPrev + ak) * (dk - dPrev);
    dPrev = dk;
    aPrev = ak;
    if (dk >= d) break;
  }
  return v;
}
