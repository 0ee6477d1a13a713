import { describe, expect, it } from 'vitest';
import { evaluateFilter, matchesFilter } from './filter-eval.ts';
import { compileObservationFilter } from './filter-sql.ts';
import { parseFilter } from './odata-filter.ts';
import { parseQueryOptions } from './query-options.ts';

const evalOn = (f: string, doc: Record<string, unknown>) => evaluateFilter(parseFilter(f), (segs) => segs.reduce<unknown>((v, s) => (v as Record<string, unknown>)?.[s], doc));

describe('$filter parser', () => {
  it('honours precedence: mul before add before comparison before and before or', () => {
    expect(evalOn('1 add 2 mul 3 eq 7', {})).toBe(true);
    expect(evalOn('a eq 1 or a eq 2 and b eq 3', { a: 1, b: 0 })).toBe(true);
    expect(evalOn('(a eq 1 or a eq 2) and b eq 3', { a: 1, b: 0 })).toBe(false);
    expect(evalOn('not (a gt 1)', { a: 0 })).toBe(true);
    expect(evalOn('a sub -2 eq 5', { a: 3 })).toBe(true);
    expect(evalOn('10 div 4 eq 2.5 and 7 mod 4 eq 3', {})).toBe(true);
  });

  it('evaluates string, date, math and spatial functions', () => {
    const doc = { name: "O'Brien gauge", t: '2026-05-03T04:05:06Z', loc: { type: 'Point', coordinates: [120, 30] } };
    expect(evalOn("substringof('Brien', name) and startswith(name, 'O''B') and endswith(tolower(name), 'gauge')", doc)).toBe(true);
    expect(evalOn("length(name) eq 13 and indexof(name, 'g') eq 8 and toupper(substring(name, 8, 3)) eq 'GAU'", doc)).toBe(true);
    expect(evalOn('year(t) eq 2026 and month(t) eq 5 and day(t) eq 3 and hour(t) eq 4 and minute(t) eq 5 and second(t) eq 6', doc)).toBe(true);
    expect(evalOn('t gt 2026-05-03T04:05:05Z and t lt 2026-05-03T06:00:00+01:00', doc)).toBe(true);
    expect(evalOn('round(2.5) eq 3 and floor(2.7) eq 2 and ceiling(2.1) eq 3', doc)).toBe(true);
    expect(evalOn("geo.distance(loc, geography'POINT(120.001 30)') gt 90 and geo.distance(loc, geography'POINT(120.001 30)') lt 100", doc)).toBe(true);
    expect(evalOn("st_within(loc, geography'POLYGON((119 29, 121 29, 121 31, 119 31, 119 29))')", doc)).toBe(true);
    expect(evalOn("st_intersects(loc, geography'POLYGON((121 29, 122 29, 122 31, 121 31, 121 29))')", doc)).toBe(false);
    expect(evalOn("geo.intersects(geography'LINESTRING(119 29, 121 31)', geography'LINESTRING(119 31, 121 29)')", doc)).toBe(true);
    expect(evalOn("st_contains(geography'POLYGON((119 29, 121 29, 121 31, 119 31, 119 29))', loc)", doc)).toBe(true);
  });

  it('matches any element of a to-many path', () => {
    expect(matchesFilter(parseFilter("kinds eq 'rain'"), () => ['river-level', 'rain'])).toBe(true);
    expect(matchesFilter(parseFilter("kinds eq 'gas'"), () => ['river-level', 'rain'])).toBe(false);
  });

  it('names the position of syntax errors', () => {
    expect(() => parseFilter('result gt')).toThrow(/ends too early/);
    expect(() => parseFilter('result gt 1 1')).toThrow(/unexpected input at character 12/);
    expect(() => parseFilter('foo(1)')).toThrow(/unknown function 'foo'/);
    expect(() => parseFilter("st_within(location, geography'POINT(1)')")).toThrow(/invalid WKT position/);
    expect(() => parseFilter('(result gt 1')).toThrow(/expected '\)'/);
  });

  it('compiles observation filters to SQL with every value bound', () => {
    const params: unknown[] = [];
    const sql = compileObservationFilter(parseFilter('phenomenonTime ge 2026-01-01T00:00:00Z and (result gt 1.5 or not (resultTime eq null)) and Datastream/@iot.id eq 3'), (v) => { params.push(v); return '?'; });
    expect(sql).toBe('(((t >= ?) AND ((result > ?) OR (NOT (result_time IS NULL)))) AND (datastream = ?))');
    expect(params).toEqual([Date.UTC(2026, 0, 1), 1.5, 3]);
    expect(() => compileObservationFilter(parseFilter("result eq 'x'"), () => '?')).toThrow(/string 'x'/);
    expect(() => compileObservationFilter(parseFilter('startswith(result, 1)'), () => '?')).toThrow(/not supported on Observations/);
  });
});

describe('query options', () => {
  it('parses nested $expand, $orderby, $top/$skip/$count and rejects unknown options', () => {
    const o = parseQueryOptions(new URLSearchParams('$expand=Datastreams($select=name;$top=1;$expand=Observations($top=2)),Locations&$orderby=name desc,id&$top=5&$skip=10&$count=true').entries());
    expect(o.expand.map((e) => e.nav)).toEqual(['Datastreams', 'Locations']);
    expect(o.expand[0].options).toMatchObject({ select: ['name'], top: 1 });
    expect(o.expand[0].options.expand[0]).toMatchObject({ nav: 'Observations', options: { top: 2 } });
    expect(o.orderby).toEqual([{ path: ['name'], desc: true }, { path: ['id'], desc: false }]);
    expect(o).toMatchObject({ top: 5, skip: 10, count: true });
    const path = parseQueryOptions([['$expand', 'Datastreams/Observations']]);
    expect(path.expand[0].options.expand[0].nav).toBe('Observations');
    expect(() => parseQueryOptions([['$topp', '1']])).toThrow(/unknown query option '\$topp'/);
    expect(() => parseQueryOptions([['$top', '-1']])).toThrow(/\$top: expected a non-negative integer/);
    expect(() => parseQueryOptions([['$top', '20000']])).toThrow(/at most 10000/);
  });
});
