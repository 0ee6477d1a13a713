/**
 * The OData subset of SensorThings API v1.1 `$filter` (OGC 18-088, §9.3.3.4): comparison
 * (eq ne gt ge lt le), logical (and or not), arithmetic (add sub mul div mod), parentheses,
 * string, math and date functions, and the spatial functions geo.distance, geo.intersects,
 * geo.length and st_* over WKT literals (`geography'POINT(lon lat)'`). Parsed into an AST that
 * `filter-eval.ts` evaluates over entities and `filter-sql.ts` compiles for observations.
 */
import { QueryError } from './query-error.ts';

export type FilterNode =
  | { kind: 'literal'; value: string | number | boolean | null | Date | Geometry }
  | { kind: 'path'; segments: string[] }
  | { kind: 'binary'; op: BinaryOp; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'negate'; operand: FilterNode }
  | { kind: 'call'; name: string; args: FilterNode[] };

export type BinaryOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'and' | 'or' | 'add' | 'sub' | 'mul' | 'div' | 'mod';

/** GeoJSON-like geometry from a WKT literal; positions are longitude, latitude (degrees). */
export type Geometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: Array<[number, number]> }
  | { type: 'Polygon'; coordinates: Array<Array<[number, number]>> };

type Token =
  | { t: 'num'; v: number; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'geo'; v: Geometry; at: number }
  | { t: 'date'; v: Date; at: number }
  | { t: 'word'; v: string; at: number }
  | { t: 'punct'; v: '(' | ')' | ','; at: number };

const DATE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/;
const NUM_RE = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;
const WORD_RE = /^[A-Za-z_@$][A-Za-z0-9_@$./]*/;

export const FILTER_FUNCTIONS: Record<string, number> = {
  substringof: 2, endswith: 2, startswith: 2, length: 1, indexof: 2, substring: -1, tolower: 1, toupper: 1,
  trim: 1, concat: 2, year: 1, month: 1, day: 1, hour: 1, minute: 1, second: 1, fractionalseconds: 1,
  date: 1, time: 1, totaloffsetminutes: 1, now: 0, mindatetime: 0, maxdatetime: 0, round: 1, floor: 1, ceiling: 1,
  'geo.distance': 2, 'geo.length': 1, 'geo.intersects': 2, st_equals: 2, st_disjoint: 2, st_touches: 2, st_within: 2,
  st_overlaps: 2, st_crosses: 2, st_intersects: 2, st_contains: 2, st_relate: 3,
};

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if (c === '(' || c === ')' || c === ',') { out.push({ t: 'punct', v: c, at: i }); i++; continue; }
    if (c === "'") {
      let s = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new QueryError(`$filter: unterminated string starting at character ${i}`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") { s += "'"; j += 2; continue; }
          break;
        }
        s += text[j++];
      }
      out.push({ t: 'str', v: s, at: i });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i);
    const geo = /^(geography|geometry)'([^']*)'/i.exec(rest);
    if (geo) { out.push({ t: 'geo', v: parseWkt(geo[2], i), at: i }); i += geo[0].length; continue; }
    const date = DATE_RE.exec(rest);
    if (date) {
      const d = new Date(date[0]);
      if (Number.isNaN(d.getTime())) throw new QueryError(`$filter: invalid date-time '${date[0]}' at character ${i}`);
      out.push({ t: 'date', v: d, at: i }); i += date[0].length; continue;
    }
    const num = NUM_RE.exec(rest);
    if (num && !(c === '-' && out.length > 0 && !isOperatorPosition(out[out.length - 1]))) {
      out.push({ t: 'num', v: Number(num[0]), at: i }); i += num[0].length; continue;
    }
    const word = WORD_RE.exec(rest);
    if (word) { out.push({ t: 'word', v: word[0], at: i }); i += word[0].length; continue; }
    if (c === '-') { out.push({ t: 'word', v: '-', at: i }); i++; continue; }
    throw new QueryError(`$filter: unexpected character '${c}' at character ${i}`);
  }
  return out;
}

function isOperatorPosition(prev: Token): boolean {
  return (prev.t === 'punct' && prev.v !== ')') || (prev.t === 'word' && /^(eq|ne|gt|ge|lt|le|and|or|not|add|sub|mul|div|mod)$/.test(prev.v));
}

/** Parses a WKT POINT, LINESTRING or POLYGON (2D, longitude latitude). */
export function parseWkt(wkt: string, at = 0): Geometry {
  const m = /^\s*(POINT|LINESTRING|POLYGON)\s*\((.*)\)\s*$/i.exec(wkt);
  if (!m) throw new QueryError(`$filter: expected WKT POINT, LINESTRING or POLYGON at character ${at}, found '${wkt}'`);
  const pos = (s: string): [number, number] => {
    const p = s.trim().split(/\s+/).map(Number);
    if (p.length < 2 || !p.every(Number.isFinite)) throw new QueryError(`$filter: invalid WKT position '${s.trim()}' at character ${at}`);
    return [p[0], p[1]];
  };
  const type = m[1].toUpperCase();
  if (type === 'POINT') return { type: 'Point', coordinates: pos(m[2]) };
  if (type === 'LINESTRING') return { type: 'LineString', coordinates: m[2].split(',').map(pos) };
  const rings = m[2].match(/\(([^()]*)\)/g);
  if (!rings) throw new QueryError(`$filter: POLYGON needs rings in parentheses at character ${at}`);
  return { type: 'Polygon', coordinates: rings.map((r) => r.slice(1, -1).split(',').map(pos)) };
}

const PRECEDENCE: Record<string, number> = { or: 1, and: 2, eq: 3, ne: 3, gt: 4, ge: 4, lt: 4, le: 4, add: 5, sub: 5, mul: 6, div: 6, mod: 6 };

/** Parses a `$filter` expression; throws QueryError naming the position of the problem. */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let p = 0;
  const peek = () => tokens[p];
  const where = () => (p < tokens.length ? `at character ${tokens[p].at}` : 'at the end');

  const expect = (v: '(' | ')' | ',') => {
    const t = tokens[p];
    if (!t || t.t !== 'punct' || t.v !== v) throw new QueryError(`$filter: expected '${v}' ${where()}`);
    p++;
  };

  const primary = (): FilterNode => {
    const t = tokens[p];
    if (!t) throw new QueryError('$filter: expression ends too early');
    p++;
    switch (t.t) {
      case 'num': return { kind: 'literal', value: t.v };
      case 'str': return { kind: 'literal', value: t.v };
      case 'date': return { kind: 'literal', value: t.v };
      case 'geo': return { kind: 'literal', value: t.v };
      case 'punct': {
        if (t.v !== '(') throw new QueryError(`$filter: unexpected '${t.v}' at character ${t.at}`);
        const e = expression(0);
        expect(')');
        return e;
      }
      case 'word': {
        const w = t.v;
        if (w === 'not') return { kind: 'not', operand: unary() };
        if (w === '-') return { kind: 'negate', operand: unary() };
        if (w === 'true' || w === 'false') return { kind: 'literal', value: w === 'true' };
        if (w === 'null') return { kind: 'literal', value: null };
        const next = peek();
        if (next && next.t === 'punct' && next.v === '(') {
          const name = w.toLowerCase();
          if (!(name in FILTER_FUNCTIONS)) throw new QueryError(`$filter: unknown function '${w}' at character ${t.at}`);
          p++;
          const args: FilterNode[] = [];
          if (!(peek()?.t === 'punct' && (peek() as { v: string }).v === ')')) {
            args.push(expression(0));
            while (peek()?.t === 'punct' && (peek() as { v: string }).v === ',') { p++; args.push(expression(0)); }
          }
          expect(')');
          const arity = FILTER_FUNCTIONS[name];
          if (arity >= 0 && args.length !== arity) throw new QueryError(`$filter: ${name} takes ${arity} argument(s), found ${args.length}`);
          return { kind: 'call', name, args };
        }
        return { kind: 'path', segments: w.split('/') };
      }
    }
  };

  const unary = (): FilterNode => primary();

  const expression = (minPrec: number): FilterNode => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (!t || t.t !== 'word') break;
      const prec = PRECEDENCE[t.v];
      if (prec === undefined) throw new QueryError(`$filter: expected an operator at character ${t.at}, found '${t.v}'`);
      if (prec <= minPrec) break;
      p++;
      const right = expression(prec);
      left = { kind: 'binary', op: t.v as BinaryOp, left, right };
    }
    return left;
  };

  const tree = expression(0);
  if (p < tokens.length) throw new QueryError(`$filter: unexpected input ${where()}`);
  return tree;
}
