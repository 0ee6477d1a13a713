/**
 * An open IFC model: web-ifc's API and model id with the file name every error must carry, plus
 * small readers for STEP attribute values as web-ifc's `GetLine` returns them (unflattened:
 * references are `{ type: 5, value: id }`, measures `{ _representationValue }`, labels `{ value }`).
 * ISO 10303-21 (STEP physical file) header checks happen here, before web-ifc sees the bytes,
 * because web-ifc 0.0.78 throws an unhelpful TypeError on input without a FILE_SCHEMA.
 */
import type { IfcAPI } from 'web-ifc';
import type { BimProject } from '../../cim-model/index.ts';

/** 'IFC2X3' | 'IFC4' | 'IFC4X3'. */
export type IfcSchemaVersion = NonNullable<BimProject['ifcSchema']>;
import { IfcImportError } from './ifc-import-error.ts';
import { ifcApi, ifcClassName } from './web-ifc-runtime.ts';

export interface IfcModel {
  api: IfcAPI;
  modelID: number;
  /** File name for messages and feature sources. */
  file: string;
  /** Schema family of the file; IFC4X3 covers the release candidates IFC4X3_RC1…RC4 and IFC4X3_ADD2. */
  schema: IfcSchemaVersion;
  /** FILE_SCHEMA as written, e.g. 'IFC4X3_RC2'. */
  rawSchema: string;
  /** Number of entity instances in the DATA section. */
  entityCount: number;
  line(id: number): IfcLine;
  /** The positional STEP arguments of an instance, undecoded by schema (ten times faster than `line`). */
  args(id: number): unknown[];
  /** web-ifc type code of an instance. */
  typeOf(id: number): number;
  /** Express ids of all instances of an entity type (subtypes included). */
  idsOf(type: number): number[];
  /** Entity name of an instance in schema spelling, e.g. 'IfcWall'. */
  className(id: number): string;
  close(): void;
}

/** A line as web-ifc's GetLine returns it: attribute name → STEP value. */
export type IfcLine = Record<string, unknown> & { expressID: number; type: number };

const HEADER_PROBE_BYTES = 4096;
const TRAILER_PROBE_BYTES = 1024;

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = Math.max(0, start); i < Math.min(bytes.length, end); i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** Checks the ISO 10303-21 envelope and returns the FILE_SCHEMA name, or throws naming what is wrong. */
export function checkStepEnvelope(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new IfcImportError(file, 'open', 'expected an IFC (ISO 10303-21) file, found 0 bytes');
  const head = latin1(bytes, 0, HEADER_PROBE_BYTES).replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '');
  if (!/^\s*ISO-10303-21\s*;/.test(head)) {
    const shown = JSON.stringify(head.slice(0, 24).replace(/[^\x20-\x7E]/g, '.'));
    throw new IfcImportError(file, 'open', `expected the STEP header 'ISO-10303-21;' at byte 0, found ${shown}: not an IFC file`);
  }
  const schema = /FILE_SCHEMA\s*\(\s*\(\s*'([^']*)'/i.exec(head);
  if (!schema) throw new IfcImportError(file, 'open', `expected FILE_SCHEMA(('IFC…')) in the first ${HEADER_PROBE_BYTES} bytes of the header, found none`);
  const tail = latin1(bytes, bytes.length - TRAILER_PROBE_BYTES, bytes.length);
  if (!/END-ISO-10303-21\s*;\s*$/.test(tail)) {
    throw new IfcImportError(file, 'open', `truncated: expected the trailer 'END-ISO-10303-21;' at the end of the file (${bytes.length} bytes), found none`);
  }
  return schema[1].trim().toUpperCase();
}

/** The schema family of a FILE_SCHEMA name. */
export function schemaVersion(rawSchema: string, file: string): IfcSchemaVersion {
  if (rawSchema === 'IFC2X3' || rawSchema.startsWith('IFC2X3_')) return 'IFC2X3';
  if (/^IFC4X\d/.test(rawSchema)) return 'IFC4X3';
  if (rawSchema === 'IFC4' || /^IFC4_/.test(rawSchema)) return 'IFC4';
  throw new IfcImportError(file, 'open', `FILE_SCHEMA '${rawSchema}': expected IFC2X3, IFC4 or IFC4X3 (RC1–RC4, ADD1, ADD2)`);
}

/** Opens IFC bytes with web-ifc. Coordinates stay in the project's engineering frame (COORDINATE_TO_ORIGIN off). */
export async function openIfcModel(bytes: Uint8Array, file: string): Promise<IfcModel> {
  const rawSchema = checkStepEnvelope(bytes, file);
  const schema = schemaVersion(rawSchema, file);
  const api = await ifcApi();
  let modelID: number;
  try {
    modelID = api.OpenModel(bytes, { COORDINATE_TO_ORIGIN: false });
  } catch (err) {
    throw new IfcImportError(file, 'open', `web-ifc could not parse the file: ${(err as Error).message}`, { cause: err });
  }
  if (modelID < 0) throw new IfcImportError(file, 'open', 'web-ifc could not parse the file (OpenModel returned -1)');
  const entityCount = api.GetAllLines(modelID).size();
  if (entityCount === 0) {
    api.CloseModel(modelID);
    throw new IfcImportError(file, 'open', 'expected entity instances in the DATA section, found none');
  }
  return {
    api, modelID, file, schema, rawSchema, entityCount,
    line: (id) => api.GetLine(modelID, id, false) as IfcLine,
    args: (id) => (api.GetRawLineData(modelID, id).arguments ?? []) as unknown[],
    typeOf: (id) => api.GetLineType(modelID, id) as number,
    idsOf: (type) => {
      const v = api.GetLineIDsWithType(modelID, type, true);
      const out: number[] = [];
      for (let i = 0; i < v.size(); i++) out.push(v.get(i));
      return out;
    },
    className: (id) => ifcClassName(api.GetNameFromTypeCode(api.GetLineType(modelID, id))),
    close: () => api.CloseModel(modelID),
  };
}

/** The primitive behind a STEP value: label/text/enum/boolean `value`, measure `_representationValue`. */
export function stepValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object') return v as string | number | boolean;
  const o = v as { value?: unknown; _representationValue?: unknown };
  const raw = o._representationValue !== undefined ? o._representationValue : o.value;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  return null;
}

/** A STEP string attribute (label, identifier, text), or undefined when absent or empty. */
export function stepString(v: unknown): string | undefined {
  const s = stepValue(v);
  if (s === null) return undefined;
  const t = String(s).trim();
  return t ? t : undefined;
}

/** A STEP numeric attribute, or undefined. */
export function stepNumber(v: unknown): number | undefined {
  const n = stepValue(v);
  if (n === null || n === '') return undefined;
  const x = typeof n === 'number' ? n : Number(n);
  return Number.isFinite(x) ? x : undefined;
}

/** The express id a reference attribute points to, or undefined. */
export function stepRef(v: unknown): number | undefined {
  if (v && typeof v === 'object' && (v as { type?: unknown }).type === 5) {
    const id = (v as { value?: unknown }).value;
    return typeof id === 'number' ? id : undefined;
  }
  return undefined;
}

/** The express ids of a list-of-references attribute. */
export function stepRefs(v: unknown): number[] {
  if (!Array.isArray(v)) return [];
  const out: number[] = [];
  for (const item of v) {
    const id = stepRef(item);
    if (id !== undefined) out.push(id);
  }
  return out;
}

/** A list of numbers (direction ratios, compound angles, point coordinates). */
export function stepNumbers(v: unknown): number[] {
  const list = v && typeof v === 'object' && !Array.isArray(v) ? (v as { value?: unknown }).value : v;
  if (!Array.isArray(list)) return [];
  return list.map((x) => stepNumber(x)).filter((x): x is number => x !== undefined);
}

const TEXT_TYPES = new Set(['IFCLABEL', 'IFCIDENTIFIER', 'IFCTEXT', 'IFCDATE', 'IFCDATETIME', 'IFCTIME', 'IFCDURATION', 'IFCURIREFERENCE', 'IFCGLOBALLYUNIQUEID', 'IFCTIMESTAMP']);

const textTypeCodes = new Map<number, boolean>();

function isTextType(model: IfcModel, typecode: number): boolean {
  let text = textTypeCodes.get(typecode);
  if (text === undefined) textTypeCodes.set(typecode, (text = TEXT_TYPES.has(String(model.api.GetNameFromTypeCode(typecode)).toUpperCase())));
  return text;
}

/**
 * The primitive behind a raw (positional) STEP argument: `{ type: 1, value }` strings,
 * `{ type: 3, value }` enumerations, `{ type: 4, value: '1.5' }` reals, `{ type: 10, value }` integers,
 * and typed values `{ type: 2, typecode, value }` such as IFCLABEL('x') or IFCAREAMEASURE(288.),
 * whose type decides between text and number. Enumerations .T./.F. become booleans.
 */
export function rawPrimitive(model: IfcModel, arg: unknown): string | number | boolean | null {
  if (arg === null || arg === undefined || typeof arg !== 'object' || Array.isArray(arg)) return null;
  const { type, value, typecode } = arg as { type?: number; value?: unknown; typecode?: number };
  if (typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value !== 'string') return null;
  if (type === 1) return value;
  if (type === 3) return value === 'T' ? true : value === 'F' ? false : value;
  if (type === 2 && typecode !== undefined && isTextType(model, typecode)) return value;
  if (value === 'T' || value === 'F') return value === 'T';
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : value;
}

/** The express id of a raw reference argument `{ type: 5, value: id }`. */
export function rawRef(arg: unknown): number | undefined {
  return stepRef(arg);
}

/** The express ids of a raw list argument. */
export function rawRefs(arg: unknown): number[] {
  return stepRefs(arg);
}
