/**
 * Irregular (natural channel) cross-sections from [TRANSECTS] (HEC-2 style NC / X1 / GR lines), turned into
 * 51-point tables of area, hydraulic radius and top width against depth, as SWMM's transect.c does
 * (SWMM 5 Reference Manual Vol. II §3.2.2): the wetted area is summed slice by slice between stations, and the
 * hydraulic radius is the one that gives the section's total Manning conveyance with the channel's n,
 * so overbanks with other roughness lower it. Units: ft internally.
 */
import { IdMap } from './id-map.ts';
import { InpError } from './inp-error.ts';
import type { InpModel, RawRow } from './inp-model.ts';
import { PHI } from './units.ts';

export const N_TRANSECT_TBL = 51;

export interface TransectTables {
  name: string;
  /** full depth (ft), max width (ft), full area (ft²), full hydraulic radius (ft) */
  yFull: number;
  wMax: number;
  aFull: number;
  rFull: number;
  /** max section factor and the area where it occurs */
  sMax: number;
  aMax: number;
  /** A/Afull, R/Rfull, W/Wmax at depths i/(N−1)·yFull */
  areaTbl: Float64Array;
  hradTbl: Float64Array;
  widthTbl: Float64Array;
  /** channel Manning's n (replaces the conduit's roughness) */
  roughness: number;
  /** main channel length / overbank (meander) length factor */
  lengthFactor: number;
}

/** Read every transect of the model's [TRANSECTS] section. */
export function readTransects(model: InpModel, ucfL: number): IdMap<TransectTables> {
  const out = new IdMap<TransectTables>();
  const section = model.raw.find((s) => s.name.toUpperCase().startsWith('TRANSECT'));
  if (!section) return out;
  const fail: (r: RawRow, field: string, problem: string) => never = (r, field, problem) => {
    throw new InpError(model.file, r.line, 'TRANSECTS', field, problem);
  };
  const num = (r: RawRow, i: number, field: string): number => {
    const v = Number(r.tokens[i]);
    if (r.tokens[i] === undefined || !Number.isFinite(v)) fail(r, field, `expected a number, found '${r.tokens[i] ?? ''}'`);
    return v;
  };
  let nLeft = 0;
  let nRight = 0;
  let nChannel = 0;
  let current: { row: RawRow; name: string; xLeft: number; xRight: number; lFactor: number; xFactor: number; yOffset: number; st: number[]; el: number[] } | undefined;
  const finish = (): void => {
    if (!current) return;
    out.set(current.name, buildTables(current, nLeft, nRight, nChannel, fail));
    current = undefined;
  };
  for (const r of section.rows) {
    const key = r.tokens[0].toUpperCase();
    if (key === 'NC') {
      finish();
      const n = [num(r, 1, 'Nleft'), num(r, 2, 'Nright'), num(r, 3, 'Nchanl')];
      if (n.some((v) => v < 0)) fail(r, 'Nchanl', 'roughness must not be negative');
      if (n[0] > 0) nLeft = n[0];
      if (n[1] > 0) nRight = n[1];
      if (n[2] > 0) nChannel = n[2];
      if (nLeft === 0) nLeft = nChannel;
      if (nRight === 0) nRight = nChannel;
    } else if (key === 'X1') {
      finish();
      const xFactor = num(r, 8, 'Xfactor') || 1;
      current = {
        row: r, name: r.tokens[1], xLeft: (num(r, 3, 'Xleft') / ucfL) * xFactor, xRight: (num(r, 4, 'Xright') / ucfL) * xFactor,
        lFactor: num(r, 7, 'Lfactor') || 1, xFactor, yOffset: num(r, 9, 'Yfactor') / ucfL, st: [], el: [],
      };
    } else if (key === 'GR') {
      const tr = current;
      if (!tr) fail(r, 'GR', 'station data before any X1 line');
      if ((r.tokens.length - 1) % 2 !== 0) fail(r, 'GR', 'expected elevation–station pairs');
      for (let i = 1; i < r.tokens.length; i += 2) {
        const elev = num(r, i, 'Elevation');
        const sta = num(r, i + 1, 'Station');
        const x = (sta * tr.xFactor) / ucfL;
        if (tr.st.length > 0 && x < tr.st[tr.st.length - 1]) fail(r, 'Station', 'stations must increase from left to right');
        tr.st.push(x);
        tr.el.push(elev / ucfL + tr.yOffset);
      }
    } else fail(r, 'Keyword', `expected NC, X1 or GR, found '${r.tokens[0]}'`);
  }
  finish();
  return out;
}

function buildTables(
  t: { row: RawRow; name: string; xLeft: number; xRight: number; lFactor: number; st: number[]; el: number[] },
  nLeft: number, nRight: number, nChannel0: number,
  fail: (r: RawRow, field: string, problem: string) => never,
): TransectTables {
  if (t.st.length < 2) fail(t.row, 'GR', `transect '${t.name}' has fewer than 2 stations`);
  if (!(nChannel0 > 0)) fail(t.row, 'Nchanl', `transect '${t.name}' has no channel roughness (NC line)`);
  if (t.xLeft > t.xRight) fail(t.row, 'Xleft', `left bank station is right of the right bank in '${t.name}'`);
  const nChannel = nChannel0 * Math.sqrt(t.lFactor);
  const yMax = Math.max(...t.el);
  const yMin = Math.min(...t.el);
  if (!(yMin < yMax)) fail(t.row, 'GR', `transect '${t.name}' has no depth`);
  // closed at both ends by vertical walls up to the highest point (transect_validate)
  const station = [t.st[0], ...t.st, t.st[t.st.length - 1]];
  const elev = [yMax, ...t.el, yMax];
  const ns = t.st.length + 1;
  const N = N_TRANSECT_TBL;
  const areaTbl = new Float64Array(N);
  const hradTbl = new Float64Array(N);
  const widthTbl = new Float64Array(N);
  const dy = (yMax - yMin) / (N - 1);
  for (let i = 1; i < N; i++) {
    const y = yMin + i * dy;
    let wpSum = 0;
    let aSum = 0;
    let qSum = 0;
    for (let k = 1; k <= ns; k++) {
      const yhi = Math.max(elev[k - 1], elev[k]);
      const ylo = Math.min(elev[k - 1], elev[k]);
      if (ylo >= y) continue;
      // slice k between stations k−1 and k (transect.c getSliceGeom)
      let w = Math.abs(station[k] - station[k - 1]);
      let wp = Math.sqrt(w * w + (yhi - ylo) * (yhi - ylo));
      let a = 0;
      if (y > yhi) a = (w * (y - yhi + (y - ylo))) / 2;
      else if (yhi > ylo) {
        const ratio = (y - ylo) / (yhi - ylo);
        a = ((w * (yhi - ylo)) / 2) * ratio * ratio;
        w *= ratio;
        wp *= ratio;
      }
      wpSum += wp;
      aSum += a;
      areaTbl[i] += a;
      widthTbl[i] += w;
      // conveyance of the sub-area closed at a wet bank or a roughness change (transect.c getFlow)
      let findFlow = elev[k] >= y;
      if (!findFlow) {
        if (k === ns - 1) findFlow = true;
        else if (station[k] === t.xLeft) findFlow = nLeft !== nChannel0 && station[k] !== station[k - 1];
        else if (station[k] === t.xRight) findFlow = nRight !== nChannel0 && station[k] !== station[k + 1];
      }
      if (findFlow && wpSum > 0) {
        let n = nChannel;
        if (station[k - 1] < t.xLeft) n = nLeft;
        if (station[k] > t.xRight) n = nRight;
        const q = (PHI / n) * aSum * Math.pow(aSum / wpSum, 2 / 3);
        if (q > 0) {
          qSum += q;
          aSum = 0;
          wpSum = 0;
        }
      }
    }
    const area = areaTbl[i];
    hradTbl[i] = area === 0 ? hradTbl[i - 1] : Math.pow((qSum * nChannel) / 1.49 / area, 1.5);
  }
  let sMax = 0;
  let aMax = 0;
  for (let i = 1; i < N; i++) {
    const sf = areaTbl[i] * Math.pow(hradTbl[i], 2 / 3);
    if (sf > sMax) {
      sMax = sf;
      aMax = areaTbl[i];
    }
  }
  const aFull = areaTbl[N - 1];
  const rFull = hradTbl[N - 1];
  const wMax = widthTbl[N - 1];
  for (let i = 1; i < N; i++) {
    areaTbl[i] /= aFull;
    hradTbl[i] /= rFull;
    widthTbl[i] /= wMax;
  }
  widthTbl[0] = widthTbl[1];
  return { name: t.name, yFull: yMax - yMin, wMax, aFull, rFull, sMax, aMax, areaTbl, hradTbl, widthTbl, roughness: nChannel0, lengthFactor: t.lFactor };
}
