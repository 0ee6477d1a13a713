/**
 * SensorThings query options (OGC 18-088, §9.3): $filter, $select, $expand (with nested options
 * separated by ';'), $orderby, $top, $skip, $count. Unknown `$` options are rejected by name.
 */
import { parseFilter, type FilterNode } from './odata-filter.ts';
import { QueryError } from './query-error.ts';

export interface QueryOptions {
  filter?: FilterNode;
  select?: string[];
  expand: Array<{ nav: string; options: QueryOptions }>;
  orderby: Array<{ path: string[]; desc: boolean }>;
  top?: number;
  skip: number;
  count: boolean;
}

export const DEFAULT_TOP = 100;
export const MAX_TOP = 10000;
const KNOWN = new Set(['$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$count', '$resultFormat']);

/** Splits on `sep` at parenthesis depth 0, ignoring separators inside quoted strings. */
export function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === sep) { out.push(text.slice(start, i)); start = i + 1; }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

function integer(name: string, v: string, max: number): number {
  if (!/^\d+$/.test(v.trim())) throw new QueryError(`${name}: expected a non-negative integer, found '${v}'`);
  const n = Number(v);
  if (n > max) throw new QueryError(`${name}: at most ${max}, found ${n}`);
  return n;
}

export function parseQueryOptions(params: Iterable<[string, string]>): QueryOptions {
  const o: QueryOptions = { expand: [], orderby: [], skip: 0, count: false };
  for (const [key, value] of params) {
    if (!key.startsWith('$')) continue;
    if (!KNOWN.has(key)) throw new QueryError(`unknown query option '${key}' (expected one of ${[...KNOWN].join(', ')})`);
    switch (key) {
      case '$filter': o.filter = parseFilter(value); break;
      case '$select': o.select = splitTop(value, ',').map((s) => (s === '@iot.id' ? 'id' : s)); break;
      case '$top': o.top = integer('$top', value, MAX_TOP); break;
      case '$skip': o.skip = integer('$skip', value, Number.MAX_SAFE_INTEGER); break;
      case '$count':
        if (value !== 'true' && value !== 'false') throw new QueryError(`$count: expected true or false, found '${value}'`);
        o.count = value === 'true';
        break;
      case '$orderby':
        o.orderby = splitTop(value, ',').map((item) => {
          const m = /^(\S+)(\s+(asc|desc))?$/i.exec(item);
          if (!m) throw new QueryError(`$orderby: expected '<property> [asc|desc]', found '${item}'`);
          return { path: m[1].replace('@iot.id', 'id').split('/'), desc: (m[3] ?? '').toLowerCase() === 'desc' };
        });
        break;
      case '$expand':
        o.expand = splitTop(value, ',').map(parseExpandItem);
        break;
      case '$resultFormat':
        if (value !== 'dataArray') throw new QueryError(`$resultFormat: only dataArray is supported, found '${value}'`);
        break;
    }
  }
  return o;
}

function parseExpandItem(item: string): { nav: string; options: QueryOptions } {
  const paren = item.indexOf('(');
  const path = (paren < 0 ? item : item.slice(0, paren)).trim();
  let options: QueryOptions = { expand: [], orderby: [], skip: 0, count: false };
  if (paren >= 0) {
    if (!item.endsWith(')')) throw new QueryError(`$expand: missing ')' in '${item}'`);
    const inner = item.slice(paren + 1, -1);
    options = parseQueryOptions(splitTop(inner, ';').map((kv) => {
      const eq = kv.indexOf('=');
      if (eq < 0) throw new QueryError(`$expand: expected '$option=value' inside '${item}', found '${kv}'`);
      return [kv.slice(0, eq).trim(), kv.slice(eq + 1)] as [string, string];
    }));
  }
  // Datastreams/Observations is Datastreams($expand=Observations)
  const parts = path.split('/');
  let node = { nav: parts[parts.length - 1], options };
  for (let i = parts.length - 2; i >= 0; i--) node = { nav: parts[i], options: { expand: [node], orderby: [], skip: 0, count: false } };
  return node;
}
