/**
 * SWMM 5 `.inp` reader: text → `InpModel`, with errors naming the line and field
 * (SWMM 5 User's Manual, Appendix D "Detailed Input File Format").
 * Section headers match by prefix as SWMM does (`[OUTFALL]` is `[OUTFALLS]`).
 * Pure: no file access; pass the text and a file name for messages.
 */
import { InpError } from './inp-error.ts';
import type { InpModel, RawSection, TimeSeries, Curve, Pattern } from './inp-model.ts';
import { parseNumber, tokenizeLine } from './inp-tokens.ts';

export interface ParseInpOptions {
  /** Name used in error messages. */
  file?: string;
}

/** Typed sections: header prefix (as SWMM's keyword table) → canonical name. */
const TYPED_SECTIONS: [prefix: string, name: string][] = [
  ['TITLE', 'TITLE'], ['OPTION', 'OPTIONS'], ['RAINGAGE', 'RAINGAGES'], ['SUBCATCHMENT', 'SUBCATCHMENTS'],
  ['SUBAREA', 'SUBAREAS'], ['INFIL', 'INFILTRATION'], ['JUNC', 'JUNCTIONS'], ['OUTFALL', 'OUTFALLS'],
  ['STORAGE', 'STORAGE'], ['CONDUIT', 'CONDUITS'], ['PUMP', 'PUMPS'], ['ORIFICE', 'ORIFICES'], ['WEIR', 'WEIRS'],
  ['XSECTION', 'XSECTIONS'], ['LOSS', 'LOSSES'], ['INFLOW', 'INFLOWS'], ['DWF', 'DWF'], ['TIMESERIES', 'TIMESERIES'],
  ['CURVE', 'CURVES'], ['PATTERN', 'PATTERNS'],
];

export function canonicalSection(header: string): string | undefined {
  const h = header.toUpperCase();
  for (const [prefix, name] of TYPED_SECTIONS) if (h.startsWith(prefix)) return name;
  return undefined;
}

export function emptyModel(file = 'model.inp'): InpModel {
  return {
    file, order: [], title: [], options: [], raingages: [], subcatchments: [], subareas: [], infiltration: [],
    junctions: [], outfalls: [], storage: [], conduits: [], pumps: [], orifices: [], weirs: [], xsections: [],
    losses: [], inflows: [], dwf: [], timeseries: [], curves: [], patterns: [], raw: [],
  };
}

/** One tokenized data line with typed field readers that throw `InpError`. */
class Row {
  constructor(readonly file: string, readonly section: string, readonly line: number, readonly tokens: string[]) {}

  fail(field: string, problem: string): never {
    throw new InpError(this.file, this.line, this.section, field, problem);
  }
  has(i: number): boolean {
    return i < this.tokens.length;
  }
  str(i: number, field: string): string {
    if (i >= this.tokens.length) this.fail(field, 'missing value');
    return this.tokens[i];
  }
  optStr(i: number): string | undefined {
    return i < this.tokens.length ? this.tokens[i] : undefined;
  }
  num(i: number, field: string): number {
    const t = this.str(i, field);
    const v = parseNumber(t);
    if (v === undefined) this.fail(field, `expected a number, found '${t}'`);
    return v;
  }
  optNum(i: number, field: string, fallback: number): number {
    return i < this.tokens.length ? this.num(i, field) : fallback;
  }
  yesNo(i: number, field: string): boolean {
    const t = this.optStr(i);
    if (t === undefined) return false;
    const u = t.toUpperCase();
    if (u === 'YES' || u === 'TRUE') return true;
    if (u === 'NO' || u === 'FALSE') return false;
    this.fail(field, `expected YES or NO, found '${t}'`);
  }
}

/** Parse the text of a SWMM 5 `.inp` file. Throws `InpError` on malformed or inconsistent input. */
export function parseInp(text: string, options: ParseInpOptions = {}): InpModel {
  const file = options.file ?? 'model.inp';
  const model = emptyModel(file);
  const lines = text.split('\n');
  let section = '';
  let raw: RawSection | undefined;
  const seriesByName = new Map<string, TimeSeries>();
  const curveByName = new Map<string, Curve>();
  const patternByName = new Map<string, Pattern>();

  for (let li = 0; li < lines.length; li++) {
    const lineNo = li + 1;
    const text = lines[li].replace(/\r$/, '');
    const trimmed = text.trim();
    if (trimmed.startsWith('[')) {
      const close = trimmed.indexOf(']');
      const header = trimmed.slice(1, close < 0 ? undefined : close).trim();
      const canonical = canonicalSection(header);
      if (canonical) {
        section = canonical;
        raw = undefined;
        if (!model.order.includes(canonical)) model.order.push(canonical);
      } else {
        section = header.toUpperCase();
        raw = model.raw.find((s) => s.name.toUpperCase() === section);
        if (!raw) {
          raw = { name: header, rows: [] };
          model.raw.push(raw);
          model.order.push(header);
        }
      }
      continue;
    }
    if (section === 'TITLE') {
      if (trimmed !== '' && !trimmed.startsWith(';')) model.title.push(trimmed);
      continue;
    }
    const tokens = tokenizeLine(text);
    if (tokens.length === 0) continue;
    if (section === '') throw new InpError(file, lineNo, '-', 'section', `data before any [SECTION] header: '${trimmed}'`);
    if (raw) {
      raw.rows.push({ line: lineNo, tokens });
      continue;
    }
    const r = new Row(file, section, lineNo, tokens);
    switch (section) {
      case 'OPTIONS':
        model.options.push({ line: lineNo, key: r.str(0, 'Option').toUpperCase(), value: tokens.slice(1).join(' ') });
        break;
      case 'RAINGAGES':
        model.raingages.push({
          line: lineNo, name: r.str(0, 'Name'), format: r.str(1, 'Format').toUpperCase(), interval: r.str(2, 'Interval'),
          snowCatch: r.num(3, 'SCF'), source: r.str(4, 'Source').toUpperCase(), sourceArgs: tokens.slice(5),
        });
        break;
      case 'SUBCATCHMENTS':
        model.subcatchments.push({
          line: lineNo, name: r.str(0, 'Name'), gage: r.str(1, 'Rain Gage'), outlet: r.str(2, 'Outlet'),
          area: r.num(3, 'Area'), imperv: r.num(4, '%Imperv'), width: r.num(5, 'Width'), slope: r.num(6, '%Slope'),
          curbLength: r.optNum(7, 'CurbLen', 0), snowPack: r.optStr(8),
        });
        break;
      case 'SUBAREAS':
        model.subareas.push({
          line: lineNo, subcatchment: r.str(0, 'Subcatchment'), nImperv: r.num(1, 'N-Imperv'), nPerv: r.num(2, 'N-Perv'),
          sImperv: r.num(3, 'S-Imperv'), sPerv: r.num(4, 'S-Perv'), pctZero: r.num(5, 'PctZero'),
          routeTo: (r.optStr(6) ?? 'OUTLET').toUpperCase(), pctRouted: r.has(7) ? r.num(7, 'PctRouted') : undefined,
        });
        break;
      case 'INFILTRATION': {
        const params: number[] = [];
        let method: string | undefined;
        for (let i = 1; i < tokens.length; i++) {
          const v = parseNumber(tokens[i]);
          if (v === undefined) {
            if (i === tokens.length - 1) method = tokens[i].toUpperCase();
            else r.fail(`parameter ${i}`, `expected a number, found '${tokens[i]}'`);
          } else params.push(v);
        }
        if (params.length < 3) r.fail('parameters', `expected at least 3 infiltration parameters, found ${params.length}`);
        model.infiltration.push({ line: lineNo, subcatchment: r.str(0, 'Subcatchment'), params, method });
        break;
      }
      case 'JUNCTIONS':
        model.junctions.push({
          line: lineNo, name: r.str(0, 'Name'), elevation: r.num(1, 'Elevation'), maxDepth: r.optNum(2, 'MaxDepth', 0),
          initDepth: r.optNum(3, 'InitDepth', 0), surDepth: r.optNum(4, 'SurDepth', 0), pondedArea: r.optNum(5, 'Aponded', 0),
        });
        break;
      case 'OUTFALLS': {
        const type = r.str(2, 'Type').toUpperCase();
        const hasStage = type === 'FIXED' || type === 'TIDAL' || type === 'TIMESERIES';
        if (!['FREE', 'NORMAL', 'FIXED', 'TIDAL', 'TIMESERIES'].includes(type)) r.fail('Type', `unknown outfall type '${tokens[2]}'`);
        const k = hasStage ? 4 : 3;
        model.outfalls.push({
          line: lineNo, name: r.str(0, 'Name'), elevation: r.num(1, 'Elevation'), type,
          stageData: hasStage ? r.str(3, 'Stage Data') : undefined, gated: r.yesNo(k, 'Gated'), routeTo: r.optStr(k + 1),
        });
        break;
      }
      case 'STORAGE':
        model.storage.push({
          line: lineNo, name: r.str(0, 'Name'), elevation: r.num(1, 'Elev.'), maxDepth: r.num(2, 'MaxDepth'),
          initDepth: r.num(3, 'InitDepth'), shape: r.str(4, 'Shape').toUpperCase(), params: tokens.slice(5),
        });
        break;
      case 'CONDUITS':
        model.conduits.push({
          line: lineNo, name: r.str(0, 'Name'), from: r.str(1, 'From Node'), to: r.str(2, 'To Node'),
          length: r.num(3, 'Length'), roughness: r.num(4, 'Roughness'), inOffset: r.optNum(5, 'InOffset', 0),
          outOffset: r.optNum(6, 'OutOffset', 0), initFlow: r.optNum(7, 'InitFlow', 0), maxFlow: r.optNum(8, 'MaxFlow', 0),
        });
        break;
      case 'PUMPS':
        model.pumps.push({
          line: lineNo, name: r.str(0, 'Name'), from: r.str(1, 'From Node'), to: r.str(2, 'To Node'),
          curve: r.str(3, 'Pump Curve'), status: (r.optStr(4) ?? 'ON').toUpperCase(), startup: r.optNum(5, 'Startup', 0),
          shutoff: r.optNum(6, 'Shutoff', 0),
        });
        break;
      case 'ORIFICES':
        model.orifices.push({
          line: lineNo, name: r.str(0, 'Name'), from: r.str(1, 'From Node'), to: r.str(2, 'To Node'),
          type: r.str(3, 'Type').toUpperCase(), offset: r.num(4, 'Offset'), cd: r.num(5, 'Qcoeff'), gated: r.yesNo(6, 'Gated'),
          closeTime: r.optNum(7, 'CloseTime', 0),
        });
        break;
      case 'WEIRS':
        model.weirs.push({
          line: lineNo, name: r.str(0, 'Name'), from: r.str(1, 'From Node'), to: r.str(2, 'To Node'),
          type: r.str(3, 'Type').toUpperCase(), crestHeight: r.num(4, 'CrestHt'), cd: r.num(5, 'Qcoeff'), extra: tokens.slice(6),
        });
        break;
      case 'XSECTIONS': {
        // link.c link_readXsectParams: IRREGULAR/STREET name a transect or street only; CUSTOM is height + curve
        const shape = r.str(1, 'Shape').toUpperCase();
        const link = r.str(0, 'Link');
        if (shape === 'IRREGULAR' || shape === 'STREET') {
          model.xsections.push({ line: lineNo, link, shape, geom: [], curve: r.str(2, 'Geom1'), barrels: 1 });
        } else if (shape === 'CUSTOM') {
          model.xsections.push({
            line: lineNo, link, shape, geom: [r.num(2, 'Geom1')], curve: r.str(3, 'Geom2'), barrels: r.optNum(6, 'Barrels', 1),
            culvert: r.has(7) ? r.num(7, 'Culvert') : undefined,
          });
        } else {
          const geom: number[] = [];
          for (let i = 0; i < 4; i++) geom.push(r.optNum(2 + i, `Geom${i + 1}`, 0));
          model.xsections.push({
            line: lineNo, link, shape, geom, barrels: r.optNum(6, 'Barrels', 1), culvert: r.has(7) ? r.num(7, 'Culvert') : undefined,
          });
        }
        break;
      }
      case 'LOSSES':
        model.losses.push({
          line: lineNo, link: r.str(0, 'Link'), kEntry: r.num(1, 'Kentry'), kExit: r.optNum(2, 'Kexit', 0),
          kAvg: r.optNum(3, 'Kavg', 0), flapGate: r.yesNo(4, 'Flap Gate'), seepage: r.optNum(5, 'Seepage', 0),
        });
        break;
      case 'INFLOWS': {
        const constituent = r.str(1, 'Constituent');
        const isFlow = constituent.toUpperCase() === 'FLOW';
        model.inflows.push({
          line: lineNo, node: r.str(0, 'Node'), constituent, series: r.str(2, 'Time Series'),
          type: (r.optStr(3) ?? (isFlow ? 'FLOW' : 'CONCEN')).toUpperCase(), mFactor: r.optNum(4, 'Mfactor', 1),
          sFactor: r.optNum(5, 'Sfactor', 1), baseline: r.optNum(6, 'Baseline', 0), pattern: r.optStr(7),
        });
        break;
      }
      case 'DWF':
        model.dwf.push({
          line: lineNo, node: r.str(0, 'Node'), constituent: r.str(1, 'Constituent'), average: r.num(2, 'Baseline'),
          patterns: tokens.slice(3),
        });
        break;
      case 'TIMESERIES':
        readSeriesRow(r, model, seriesByName);
        break;
      case 'CURVES': {
        const name = r.str(0, 'Name');
        let curve = curveByName.get(name);
        let k = 1;
        if (!curve) {
          curve = { line: lineNo, name, type: r.str(1, 'Type').toUpperCase(), points: [] };
          curveByName.set(name, curve);
          model.curves.push(curve);
          k = 2;
        } else if (parseNumber(tokens[1] ?? '') === undefined) k = 2;
        for (; k < tokens.length; k += 2) curve.points.push({ line: lineNo, x: r.num(k, 'X-Value'), y: r.num(k + 1, 'Y-Value') });
        break;
      }
      case 'PATTERNS': {
        const name = r.str(0, 'Name');
        let pattern = patternByName.get(name);
        let k = 1;
        if (!pattern) {
          const type = r.str(1, 'Type').toUpperCase();
          pattern = { line: lineNo, name, type, factors: [] };
          patternByName.set(name, pattern);
          model.patterns.push(pattern);
          k = 2;
        }
        for (; k < tokens.length; k++) pattern.factors.push(r.num(k, 'Factor'));
        break;
      }
    }
  }
  return model;
}

function readSeriesRow(r: Row, model: InpModel, byName: Map<string, TimeSeries>): void {
  const name = r.str(0, 'Name');
  let series = byName.get(name);
  if (!series) {
    series = { line: r.line, name, points: [] };
    byName.set(name, series);
    model.timeseries.push(series);
  }
  const t = r.tokens;
  if (t.length >= 2 && t[1].toUpperCase() === 'FILE') {
    series.file = r.str(2, 'File Name');
    return;
  }
  let k = 1;
  while (k < t.length) {
    let date: string | undefined;
    if (t[k].includes('/') || /^[A-Za-z]{3}-/.test(t[k])) {
      date = t[k];
      k++;
    }
    const time = r.str(k, 'Time');
    const value = r.num(k + 1, 'Value');
    series.points.push(date === undefined ? { line: r.line, time, value } : { line: r.line, date, time, value });
    k += 2;
  }
}
