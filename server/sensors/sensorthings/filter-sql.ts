/**
 * Compiles a `$filter` AST over Observations to a SQL boolean expression with bound parameters
 * (values are never spliced into the text). Columns: result, phenomenonTime and resultTime (ms
 * since the epoch), @iot.id and Datastream/@iot.id. Anything else is rejected with a message.
 */
import type { FilterNode } from './odata-filter.ts';
import { QueryError } from './query-error.ts';

/** Appends a parameter and returns its placeholder (`?` for SQLite, `$n` for PostgreSQL). */
export type Bind = (value: number | string | null) => string;

export const OBSERVATION_COLUMNS: Record<string, string> = {
  result: 'result', phenomenonTime: 't', resultTime: 'result_time', id: 'id', '@iot.id': 'id',
  'Datastream/id': 'datastream', 'Datastream/@iot.id': 'datastream',
};

const COMPARE: Record<string, string> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };
const ARITH: Record<string, string> = { add: '+', sub: '-', mul: '*', div: '/', mod: '%' };

export function compileObservationFilter(node: FilterNode, bind: Bind): string {
  const c = (n: FilterNode): string => {
    switch (n.kind) {
      case 'literal': {
        const v = n.value;
        if (v instanceof Date) return bind(v.getTime());
        if (typeof v === 'boolean') return bind(v ? 1 : 0);
        if (typeof v === 'string') throw new QueryError(`$filter: Observation properties are numbers and times; found the string '${v}' (write times unquoted: 2026-01-01T00:00:00Z)`);
        if (v === null || typeof v === 'number') return bind(v);
        throw new QueryError('$filter: geometry literals are not supported on Observations');
      }
      case 'path': {
        const col = OBSERVATION_COLUMNS[n.segments.join('/')];
        if (!col) throw new QueryError(`$filter: Observations have no property '${n.segments.join('/')}' (use result, phenomenonTime, resultTime, @iot.id, Datastream/@iot.id)`);
        return col;
      }
      case 'not': return `(NOT ${c(n.operand)})`;
      case 'negate': return `(-${c(n.operand)})`;
      case 'call':
        if (n.name === 'round' || n.name === 'floor' || n.name === 'ceiling') {
          return n.name === 'round' ? `ROUND(${c(n.args[0])})` : `CAST(${n.name === 'floor' ? 'FLOOR' : 'CEIL'}(${c(n.args[0])}) AS REAL)`;
        }
        throw new QueryError(`$filter: function ${n.name} is not supported on Observations`);
      case 'binary': {
        if (n.op === 'and' || n.op === 'or') return `(${c(n.left)} ${n.op.toUpperCase()} ${c(n.right)})`;
        if (n.op in COMPARE) {
          const l = n.left.kind === 'literal' && n.left.value === null;
          const r = n.right.kind === 'literal' && n.right.value === null;
          if ((l || r) && (n.op === 'eq' || n.op === 'ne')) return `(${c(l ? n.right : n.left)} IS ${n.op === 'ne' ? 'NOT ' : ''}NULL)`;
          return `(${c(n.left)} ${COMPARE[n.op]} ${c(n.right)})`;
        }
        return `(${c(n.left)} ${ARITH[n.op]} ${c(n.right)})`;
      }
    }
  };
  return c(node);
}
