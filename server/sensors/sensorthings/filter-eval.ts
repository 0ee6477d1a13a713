/**
 * Evaluates a `$filter` AST over one entity in JS (entity sets are small: things, locations,
 * datastreams…). Paths resolve through `resolve`; a path through a to-many navigation yields an
 * array, and a comparison with an array holds when it holds for any element.
 */
import type { FilterNode } from './odata-filter.ts';
import { QueryError } from './query-error.ts';
import { asGeometry, distance, equals, intersects, length, within } from './spatial.ts';

export type PathResolver = (segments: string[]) => unknown;

type Value = unknown;

function toComparable(v: Value): Value {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  return v;
}

function compare(op: string, a: Value, b: Value): boolean {
  if (Array.isArray(a)) return a.some((x) => compare(op, x, b));
  if (Array.isArray(b)) return b.some((x) => compare(op, a, x));
  const x = toComparable(a);
  const y = toComparable(b);
  switch (op) {
    case 'eq': return x === y || (x == null && y == null);
    case 'ne': return !(x === y || (x == null && y == null));
    default: {
      if (x == null || y == null) return false;
      if (typeof x !== typeof y) return false;
      const xs = x as number | string;
      const ys = y as number | string;
      return op === 'gt' ? xs > ys : op === 'ge' ? xs >= ys : op === 'lt' ? xs < ys : xs <= ys;
    }
  }
}

function num(v: Value, what: string): number {
  const n = toComparable(Array.isArray(v) ? v[0] : v);
  if (typeof n !== 'number') throw new QueryError(`$filter: ${what} expects a number, found ${JSON.stringify(n)}`);
  return n;
}

function str(v: Value, what: string): string {
  const s = Array.isArray(v) ? v[0] : v;
  if (typeof s !== 'string') throw new QueryError(`$filter: ${what} expects a string, found ${JSON.stringify(s)}`);
  return s;
}

function geo(v: Value, what: string) {
  const g = asGeometry(Array.isArray(v) ? v[0] : v);
  if (!g) throw new QueryError(`$filter: ${what} expects a geometry (Point, LineString or Polygon)`);
  return g;
}

function date(v: Value, what: string): Date {
  const t = num(v, what);
  return new Date(t);
}

function call(name: string, args: Value[]): Value {
  const a = args[0];
  const b = args[1];
  switch (name) {
    case 'substringof': return str(b, name).includes(str(a, name));
    case 'startswith': return str(a, name).startsWith(str(b, name));
    case 'endswith': return str(a, name).endsWith(str(b, name));
    case 'length': return str(a, name).length;
    case 'indexof': return str(a, name).indexOf(str(b, name));
    case 'substring': return args.length === 3 ? str(a, name).substr(num(b, name), num(args[2], name)) : str(a, name).substring(num(b, name));
    case 'tolower': return str(a, name).toLowerCase();
    case 'toupper': return str(a, name).toUpperCase();
    case 'trim': return str(a, name).trim();
    case 'concat': return str(a, name) + str(b, name);
    case 'year': return date(a, name).getUTCFullYear();
    case 'month': return date(a, name).getUTCMonth() + 1;
    case 'day': return date(a, name).getUTCDate();
    case 'hour': return date(a, name).getUTCHours();
    case 'minute': return date(a, name).getUTCMinutes();
    case 'second': return date(a, name).getUTCSeconds();
    case 'fractionalseconds': return date(a, name).getUTCMilliseconds() / 1000;
    case 'date': return date(a, name).toISOString().slice(0, 10);
    case 'time': return date(a, name).toISOString().slice(11, 23);
    case 'totaloffsetminutes': return 0;
    case 'now': return Date.now();
    case 'mindatetime': return -8.64e15;
    case 'maxdatetime': return 8.64e15;
    case 'round': return Math.round(num(a, name));
    case 'floor': return Math.floor(num(a, name));
    case 'ceiling': return Math.ceil(num(a, name));
    case 'geo.distance': return distance(geo(a, name), geo(b, name));
    case 'geo.length': return length(geo(a, name));
    case 'geo.intersects': case 'st_intersects': return intersects(geo(a, name), geo(b, name));
    case 'st_disjoint': return !intersects(geo(a, name), geo(b, name));
    case 'st_within': return within(geo(a, name), geo(b, name));
    case 'st_contains': return within(geo(b, name), geo(a, name));
    case 'st_equals': return equals(geo(a, name), geo(b, name));
    case 'st_overlaps': case 'st_crosses': case 'st_touches':
      return intersects(geo(a, name), geo(b, name)) && !within(geo(a, name), geo(b, name)) && !within(geo(b, name), geo(a, name));
    default: throw new QueryError(`$filter: function ${name} is not supported here`);
  }
}

export function evaluateFilter(node: FilterNode, resolve: PathResolver): Value {
  switch (node.kind) {
    case 'literal': return node.value instanceof Date ? node.value.getTime() : node.value;
    case 'path': return resolve(node.segments);
    case 'not': return !truthy(evaluateFilter(node.operand, resolve));
    case 'negate': return -num(evaluateFilter(node.operand, resolve), '-');
    case 'call': return call(node.name, node.args.map((a) => evaluateFilter(a, resolve)));
    case 'binary': {
      if (node.op === 'and') return truthy(evaluateFilter(node.left, resolve)) && truthy(evaluateFilter(node.right, resolve));
      if (node.op === 'or') return truthy(evaluateFilter(node.left, resolve)) || truthy(evaluateFilter(node.right, resolve));
      const l = evaluateFilter(node.left, resolve);
      const r = evaluateFilter(node.right, resolve);
      switch (node.op) {
        case 'add': return num(l, 'add') + num(r, 'add');
        case 'sub': return num(l, 'sub') - num(r, 'sub');
        case 'mul': return num(l, 'mul') * num(r, 'mul');
        case 'div': return num(l, 'div') / num(r, 'div');
        case 'mod': return num(l, 'mod') % num(r, 'mod');
        default: return compare(node.op, l, r);
      }
    }
  }
}

function truthy(v: Value): boolean {
  return Array.isArray(v) ? v.some(truthy) : v === true;
}

export function matchesFilter(node: FilterNode, resolve: PathResolver): boolean {
  return truthy(evaluateFilter(node, resolve));
}
