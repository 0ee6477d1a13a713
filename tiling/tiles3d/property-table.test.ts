import { describe, expect, it } from 'vitest';
import type { ClassProperty, MetadataSchema, MetadataValue } from '../../cim-model/index.ts';
import { decodePropertyColumn, encodePropertyColumn } from './property-table.ts';

const schema: MetadataSchema = {
  id: 't',
  enums: { Use: { valueType: 'UINT8', values: [{ name: 'office', value: 0 }, { name: 'NO_DATA', value: 255 }] } },
};

const CASES: Array<[string, ClassProperty, MetadataValue[]]> = [
  ['strings (UTF-8)', { type: 'STRING' }, ['武汉', '', 'Block 1']],
  ['booleans over a byte boundary', { type: 'BOOLEAN' }, [true, false, true, true, false, false, false, true, true]],
  ['FLOAT64 with the noData sentinel', { type: 'SCALAR', componentType: 'FLOAT64' }, [54.3, -Number.MAX_VALUE, 0]],
  ['INT32', { type: 'SCALAR', componentType: 'INT32' }, [-2147483648, 7, 2012]],
  ['UINT64', { type: 'SCALAR', componentType: 'UINT64' }, [0, 2 ** 40]],
  ['VEC3', { type: 'VEC3', componentType: 'FLOAT64' }, [[531100, 3381200, 22.5], [0, 0, 0]]],
  ['enum by name', { type: 'ENUM', enumType: 'Use' }, ['office', 'NO_DATA']],
  ['fixed-length arrays', { type: 'SCALAR', componentType: 'FLOAT64', array: true, count: 2 }, [[1, 2], [3, 4]]],
  ['variable-length arrays', { type: 'SCALAR', componentType: 'FLOAT64', array: true }, [[1], [], [2, 3, 4]]],
  ['variable-length string arrays', { type: 'STRING', array: true }, [['a', 'bc'], [], ['d']]],
  ['all-empty strings', { type: 'STRING' }, ['', '']],
];

describe('property table columns (3D Metadata binary table format)', () => {
  for (const [name, property, rows] of CASES) {
    it(`round-trips ${name}`, () => {
      const column = encodePropertyColumn(property, schema, rows, name);
      expect(column.values.length).toBeGreaterThan(0);
      expect(decodePropertyColumn(property, schema, column, rows.length, name)).toEqual(rows);
    });
  }

  it('lays strings out as N + 1 UINT32 byte offsets and arrays as element indices', () => {
    const strings = encodePropertyColumn({ type: 'STRING' }, schema, ['ab', 'c'], 's');
    expect(Array.from(new Uint32Array(strings.stringOffsets!.buffer))).toEqual([0, 2, 3]);
    const arrays = encodePropertyColumn({ type: 'SCALAR', componentType: 'UINT8', array: true }, schema, [[1, 2], [3]], 'a');
    expect(Array.from(new Uint32Array(arrays.arrayOffsets!.buffer))).toEqual([0, 2, 3]);
    expect(Array.from(arrays.values)).toEqual([1, 2, 3]);
    const bools = encodePropertyColumn({ type: 'BOOLEAN' }, schema, [true, false, false, true], 'b');
    expect(Array.from(bools.values)).toEqual([0b1001]);
  });

  it('names the row and the value when input does not fit', () => {
    expect(() => encodePropertyColumn({ type: 'ENUM', enumType: 'Use' }, schema, ['shop'], 'building.use'))
      .toThrow(/building.use: expected a value of enum 'Use', found "shop"/);
    expect(() => encodePropertyColumn({ type: 'SCALAR', componentType: 'FLOAT64', array: true, count: 2 }, schema, [[1]], 'x'))
      .toThrow(/x\[0\]: expected 2 elements, found 1/);
  });
});
