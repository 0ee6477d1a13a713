/**
 * SWMM 5 `.inp` writer: `InpModel` → text that `parseInp` reads back to the same model
 * (line numbers aside). Sections are written in the order they were read; comments are not kept.
 */
import type { InpModel } from './inp-model.ts';
import { quoteToken } from './inp-tokens.ts';

type Cell = string | number | undefined;

/** One data line; undefined cells (absent optional fields) are left out. */
function row(cells: Cell[]): string {
  const present = cells.filter((c) => c !== undefined);
  return present.map((c, i) => {
    const text = typeof c === 'number' ? String(c) : quoteToken(c);
    return i < present.length - 1 ? text.padEnd(16) : text;
  }).join(' ');
}

const yesNo = (b: boolean): string => (b ? 'YES' : 'NO');

function sectionLines(model: InpModel, name: string): string[] {
  switch (name) {
    case 'TITLE': return [...model.title];
    case 'OPTIONS': return model.options.map((o) => `${o.key.padEnd(20)} ${o.value}`);
    case 'RAINGAGES': return model.raingages.map((g) => row([g.name, g.format, g.interval, g.snowCatch, g.source, ...g.sourceArgs]));
    case 'SUBCATCHMENTS':
      return model.subcatchments.map((s) => row([s.name, s.gage, s.outlet, s.area, s.imperv, s.width, s.slope, s.curbLength, s.snowPack]));
    case 'SUBAREAS':
      return model.subareas.map((s) => row([s.subcatchment, s.nImperv, s.nPerv, s.sImperv, s.sPerv, s.pctZero, s.routeTo, s.pctRouted]));
    case 'INFILTRATION': return model.infiltration.map((s) => row([s.subcatchment, ...s.params, s.method]));
    case 'JUNCTIONS':
      return model.junctions.map((j) => row([j.name, j.elevation, j.maxDepth, j.initDepth, j.surDepth, j.pondedArea]));
    case 'OUTFALLS':
      return model.outfalls.map((o) => row([o.name, o.elevation, o.type, o.stageData, yesNo(o.gated), o.routeTo]));
    case 'STORAGE': return model.storage.map((s) => row([s.name, s.elevation, s.maxDepth, s.initDepth, s.shape, ...s.params]));
    case 'CONDUITS':
      return model.conduits.map((c) => row([c.name, c.from, c.to, c.length, c.roughness, c.inOffset, c.outOffset, c.initFlow, c.maxFlow]));
    case 'PUMPS': return model.pumps.map((p) => row([p.name, p.from, p.to, p.curve, p.status, p.startup, p.shutoff]));
    case 'ORIFICES':
      return model.orifices.map((o) => row([o.name, o.from, o.to, o.type, o.offset, o.cd, yesNo(o.gated), o.closeTime]));
    case 'WEIRS': return model.weirs.map((w) => row([w.name, w.from, w.to, w.type, w.crestHeight, w.cd, ...w.extra]));
    case 'XSECTIONS':
      return model.xsections.map((x) => {
        if (x.shape === 'IRREGULAR' || x.shape === 'STREET') return row([x.link, x.shape, x.curve]);
        if (x.shape === 'CUSTOM') return row([x.link, x.shape, x.geom[0], x.curve, 0, 0, x.barrels, x.culvert]);
        return row([x.link, x.shape, ...x.geom, x.barrels, x.culvert]);
      });
    case 'LOSSES': return model.losses.map((l) => row([l.link, l.kEntry, l.kExit, l.kAvg, yesNo(l.flapGate), l.seepage]));
    case 'INFLOWS':
      return model.inflows.map((f) => row([f.node, f.constituent, f.series, f.type, f.mFactor, f.sFactor, f.baseline, f.pattern]));
    case 'DWF': return model.dwf.map((d) => row([d.node, d.constituent, d.average, ...d.patterns]));
    case 'TIMESERIES':
      return model.timeseries.flatMap((s) =>
        s.file !== undefined ? [row([s.name, 'FILE', s.file])] : [...s.points.map((p) => row([s.name, p.date, p.time, p.value])), ';'],
      );
    case 'CURVES':
      return model.curves.flatMap((c) => [...c.points.map((p, i) => row([c.name, i === 0 ? c.type : undefined, p.x, p.y])), ';']);
    case 'PATTERNS': return model.patterns.map((p) => row([p.name, p.type, ...p.factors]));
    default: {
      const raw = model.raw.find((s) => s.name === name);
      return raw ? raw.rows.map((r) => row(r.tokens)) : [];
    }
  }
}

const TYPED = ['TITLE', 'OPTIONS', 'RAINGAGES', 'SUBCATCHMENTS', 'SUBAREAS', 'INFILTRATION', 'JUNCTIONS', 'OUTFALLS', 'STORAGE',
  'CONDUITS', 'PUMPS', 'ORIFICES', 'WEIRS', 'XSECTIONS', 'LOSSES', 'INFLOWS', 'DWF', 'TIMESERIES', 'CURVES', 'PATTERNS'];

/** Write a model as `.inp` text. */
export function writeInp(model: InpModel): string {
  const order = [...model.order];
  for (const name of TYPED) if (!order.includes(name) && sectionLines(model, name).length > 0) order.push(name);
  for (const raw of model.raw) if (!order.includes(raw.name)) order.push(raw.name);
  const out: string[] = [];
  for (const name of order) {
    out.push(`[${name}]`, ...sectionLines(model, name), '');
  }
  return out.join('\n');
}
