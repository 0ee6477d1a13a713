/**
 * Binary property tables of the 3D Metadata Specification (3d-tiles specification/Metadata,
 * §"Binary Table Format"): one property array per class property, little-endian, tightly packed;
 * booleans as LSB-first bitstreams; strings as UTF-8 with N + 1 byte offsets; variable-length
 * arrays with N + 1 element-index offsets (for string arrays: indices into the string offsets);
 * enums as integers of the enum's `valueType` (default UINT16). Offsets are written as UINT32,
 * the default offset type. Values come in as `featurePropertyRow` writes them: enums by name.
 */
import type { ClassProperty, MetadataEnum, MetadataSchema, MetadataValue } from '../../cim-model/index.ts';
import { Tiles3dError } from './tiles3d-error.ts';

/** The buffers of one property array. */
export interface PropertyColumn {
  values: Uint8Array;
  arrayOffsets?: Uint8Array;
  stringOffsets?: Uint8Array;
}

type NumericComponent = 'INT8' | 'UINT8' | 'INT16' | 'UINT16' | 'INT32' | 'UINT32' | 'INT64' | 'UINT64' | 'FLOAT32' | 'FLOAT64';

const COMPONENT_BYTES: Record<NumericComponent, number> = {
  INT8: 1, UINT8: 1, INT16: 2, UINT16: 2, INT32: 4, UINT32: 4, INT64: 8, UINT64: 8, FLOAT32: 4, FLOAT64: 8,
};

const COMPONENTS_PER_ELEMENT: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT2: 4, MAT3: 9, MAT4: 16, ENUM: 1 };

function writeComponent(view: DataView, at: number, type: NumericComponent, value: number): void {
  switch (type) {
    case 'INT8': view.setInt8(at, value); break;
    case 'UINT8': view.setUint8(at, value); break;
    case 'INT16': view.setInt16(at, value, true); break;
    case 'UINT16': view.setUint16(at, value, true); break;
    case 'INT32': view.setInt32(at, value, true); break;
    case 'UINT32': view.setUint32(at, value, true); break;
    case 'INT64': view.setBigInt64(at, BigInt(Math.trunc(value)), true); break;
    case 'UINT64': view.setBigUint64(at, BigInt(Math.trunc(value)), true); break;
    case 'FLOAT32': view.setFloat32(at, value, true); break;
    case 'FLOAT64': view.setFloat64(at, value, true); break;
  }
}

function readComponent(view: DataView, at: number, type: NumericComponent): number {
  switch (type) {
    case 'INT8': return view.getInt8(at);
    case 'UINT8': return view.getUint8(at);
    case 'INT16': return view.getInt16(at, true);
    case 'UINT16': return view.getUint16(at, true);
    case 'INT32': return view.getInt32(at, true);
    case 'UINT32': return view.getUint32(at, true);
    case 'INT64': return Number(view.getBigInt64(at, true));
    case 'UINT64': return Number(view.getBigUint64(at, true));
    case 'FLOAT32': return view.getFloat32(at, true);
    case 'FLOAT64': return view.getFloat64(at, true);
  }
}

function uint32Array(values: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Uint32Array.from(values).buffer);
}

function enumOf(property: ClassProperty, schema: MetadataSchema, where: string): MetadataEnum {
  const definition = property.enumType ? schema.enums?.[property.enumType] : undefined;
  if (!definition) throw new Tiles3dError({ where, expected: `enum '${property.enumType}' in the schema`, found: 'none' });
  return definition;
}

/** The elements of one row: one for plain properties, `count` for fixed arrays, any number for variable ones. */
function elementsOf(property: ClassProperty, value: MetadataValue, where: string): MetadataValue[] {
  if (!property.array) return [value];
  if (!Array.isArray(value)) throw new Tiles3dError({ where, expected: 'an array', found: JSON.stringify(value) });
  if (property.count !== undefined && value.length !== property.count) {
    throw new Tiles3dError({ where, expected: `${property.count} elements`, found: String(value.length) });
  }
  return value;
}

/** Encodes the values of one property for all rows of a table. */
export function encodePropertyColumn(
  property: ClassProperty, schema: MetadataSchema, rows: readonly MetadataValue[], where: string,
): PropertyColumn {
  const perRow = rows.map((value, i) => elementsOf(property, value, `${where}[${i}]`));
  const variable = property.array === true && property.count === undefined;
  const arrayOffsets = variable ? new Uint32Array(rows.length + 1) : undefined;
  if (arrayOffsets) for (let i = 0; i < perRow.length; i++) arrayOffsets[i + 1] = arrayOffsets[i] + perRow[i].length;
  const elements = perRow.flat(1);
  const column: PropertyColumn = { values: new Uint8Array(0) };

  if (property.type === 'STRING') {
    const encoder = new TextEncoder();
    const encoded = elements.map((e) => encoder.encode(String(e)));
    const stringOffsets = new Uint32Array(encoded.length + 1);
    for (let i = 0; i < encoded.length; i++) stringOffsets[i + 1] = stringOffsets[i] + encoded[i].length;
    column.values = new Uint8Array(stringOffsets[encoded.length]);
    for (let i = 0; i < encoded.length; i++) column.values.set(encoded[i], stringOffsets[i]);
    column.stringOffsets = uint32Array(stringOffsets);
  } else if (property.type === 'BOOLEAN') {
    column.values = new Uint8Array(Math.ceil(elements.length / 8));
    elements.forEach((e, i) => { if (e === true) column.values[i >> 3] |= 1 << (i & 7); });
  } else if (property.type === 'ENUM') {
    const definition = enumOf(property, schema, where);
    const byName = new Map(definition.values.map((v) => [v.name, v.value]));
    const componentType = (definition.valueType ?? 'UINT16') as NumericComponent;
    const size = COMPONENT_BYTES[componentType];
    column.values = new Uint8Array(elements.length * size);
    const view = new DataView(column.values.buffer);
    elements.forEach((e, i) => {
      const value = byName.get(String(e));
      if (value === undefined) throw new Tiles3dError({ where, expected: `a value of enum '${property.enumType}'`, found: JSON.stringify(e) });
      writeComponent(view, i * size, componentType, value);
    });
  } else {
    const componentType = property.componentType as NumericComponent | undefined;
    const components = COMPONENTS_PER_ELEMENT[property.type];
    if (!componentType || !components) throw new Tiles3dError({ where, expected: 'a numeric componentType', found: String(componentType) });
    const size = COMPONENT_BYTES[componentType];
    column.values = new Uint8Array(elements.length * components * size);
    const view = new DataView(column.values.buffer);
    elements.forEach((e, i) => {
      const parts = components === 1 ? [e] : (e as MetadataValue[]);
      if (!Array.isArray(parts) || parts.length !== components) {
        throw new Tiles3dError({ where, expected: `${components} components`, found: JSON.stringify(e) });
      }
      for (let c = 0; c < components; c++) writeComponent(view, (i * components + c) * size, componentType, Number(parts[c]));
    });
  }
  if (arrayOffsets) column.arrayOffsets = uint32Array(arrayOffsets);
  // A glTF buffer view holds at least one byte (glTF 2.0 bufferView.byteLength ≥ 1): all-empty
  // strings or arrays get one unused zero byte.
  if (column.values.length === 0) column.values = new Uint8Array(1);
  return column;
}

/** Decodes one property array back to row values (enums by name), the inverse of encodePropertyColumn. */
export function decodePropertyColumn(
  property: ClassProperty, schema: MetadataSchema, column: PropertyColumn, count: number, where: string,
): MetadataValue[] {
  const offsets = (bytes: Uint8Array | undefined): Uint32Array | undefined =>
    bytes ? new Uint32Array(bytes.slice().buffer) : undefined;
  const arrayOffsets = offsets(column.arrayOffsets);
  const stringOffsets = offsets(column.stringOffsets);
  const view = new DataView(column.values.buffer, column.values.byteOffset, column.values.byteLength);
  const decoder = new TextDecoder();
  const enumNames = property.type === 'ENUM'
    ? new Map(enumOf(property, schema, where).values.map((v) => [v.value, v.name])) : undefined;
  const enumType = property.type === 'ENUM' ? (enumOf(property, schema, where).valueType ?? 'UINT16') as NumericComponent : undefined;

  const element = (index: number): MetadataValue => {
    switch (property.type) {
      case 'STRING':
        return decoder.decode(column.values.subarray(stringOffsets![index], stringOffsets![index + 1]));
      case 'BOOLEAN':
        return ((column.values[index >> 3] >> (index & 7)) & 1) === 1;
      case 'ENUM':
        return enumNames!.get(readComponent(view, index * COMPONENT_BYTES[enumType!], enumType!)) ?? '';
      default: {
        const componentType = property.componentType as NumericComponent;
        const components = COMPONENTS_PER_ELEMENT[property.type];
        const size = COMPONENT_BYTES[componentType];
        if (components === 1) return readComponent(view, index * size, componentType);
        return Array.from({ length: components }, (_, c) => readComponent(view, (index * components + c) * size, componentType));
      }
    }
  };

  const rows: MetadataValue[] = [];
  for (let row = 0; row < count; row++) {
    if (!property.array) rows.push(element(row));
    else if (property.count !== undefined) rows.push(Array.from({ length: property.count }, (_, i) => element(row * property.count! + i)));
    else {
      const [begin, end] = [arrayOffsets![row], arrayOffsets![row + 1]];
      rows.push(Array.from({ length: end - begin }, (_, i) => element(begin + i)));
    }
  }
  return rows;
}
