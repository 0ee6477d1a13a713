// A minimal writer for ISO 10303-21 exchange structures ("STEP physical files", IFC-SPF): entity instances
// numbered in insertion order, a header, and typed parameter values (ISO 10303-21:2016 §6.4, §12).
import { encodeStepString, formatStepReal } from './step-string.ts';

/** Reference to an entity instance, written `#id`. */
export class StepRef {
  constructor(readonly id: number) {}
}

/** Enumeration value, written `.NAME.`; booleans are the enumeration `.T.` / `.F.`. */
export class StepEnum {
  constructor(readonly name: string) {}
}

/** INTEGER (JavaScript numbers are written as REAL unless wrapped). */
export class StepInteger {
  constructor(readonly value: number) {
    if (!Number.isSafeInteger(value)) throw new RangeError(`STEP INTEGER must be a safe integer, found ${value}`);
  }
}

/** Typed parameter of a SELECT, e.g. `IFCLABEL('x')` or `IFCBOOLEAN(.T.)`. */
export class StepTyped {
  constructor(readonly type: string, readonly value: StepValue) {}
}

/** Derived attribute, written `*`. */
export const DERIVED = Symbol('derived');

/**
 * A parameter: `null` is the unset `$`, a string is a STEP string, a number a REAL, an array a list.
 */
export type StepValue =
  | null
  | typeof DERIVED
  | string
  | number
  | boolean
  | StepRef
  | StepEnum
  | StepInteger
  | StepTyped
  | readonly StepValue[];

export const enumValue = (name: string): StepEnum => new StepEnum(name);
export const integer = (value: number): StepInteger => new StepInteger(value);
export const typed = (type: string, value: StepValue): StepTyped => new StepTyped(type, value);

export function formatStepValue(value: StepValue): string {
  if (value === null) return '$';
  if (value === DERIVED) return '*';
  if (typeof value === 'string') return encodeStepString(value);
  if (typeof value === 'number') return formatStepReal(value);
  if (typeof value === 'boolean') return value ? '.T.' : '.F.';
  if (value instanceof StepRef) return `#${value.id}`;
  if (value instanceof StepEnum) return `.${value.name}.`;
  if (value instanceof StepInteger) return String(value.value);
  if (value instanceof StepTyped) return `${value.type}(${formatStepValue(value.value)})`;
  return `(${value.map(formatStepValue).join(',')})`;
}

export interface StepHeader {
  /** FILE_DESCRIPTION.description, e.g. `['ViewDefinition [DesignTransferView_V1.0]']`. */
  description: string[];
  /** FILE_NAME fields (§8.2.2). */
  name: string;
  /** ISO 8601 date-time written into FILE_NAME.time_stamp. */
  timeStamp: string;
  author: string[];
  organization: string[];
  preprocessorVersion: string;
  originatingSystem: string;
  authorization: string;
  /** FILE_SCHEMA, e.g. `['IFC4']`. */
  schema: string[];
}

/** Collects entity instances in order; `shared()` reuses an identical instance (points, directions, profiles…). */
export class StepFile {
  private readonly lines: string[] = [];
  private readonly sharedByText = new Map<string, StepRef>();
  private readonly countsByType = new Map<string, number>();

  /** Appends a new instance `#n=TYPE(args);` and returns its reference. `type` is the upper-case entity name. */
  add(type: string, args: readonly StepValue[]): StepRef {
    return this.append(type, `${type}(${args.map(formatStepValue).join(',')})`);
  }

  /**
   * Returns the existing instance with exactly this type and these arguments, or adds it. Only for instances
   * whose inverse attributes allow several users (geometry items, profiles, placements, shape representations).
   */
  shared(type: string, args: readonly StepValue[]): StepRef {
    const text = `${type}(${args.map(formatStepValue).join(',')})`;
    const existing = this.sharedByText.get(text);
    if (existing) return existing;
    const ref = this.append(type, text);
    this.sharedByText.set(text, ref);
    return ref;
  }

  /** Number of instances of an upper-case entity type written so far. */
  count(type: string): number {
    return this.countsByType.get(type) ?? 0;
  }

  get size(): number {
    return this.lines.length;
  }

  /** The whole exchange structure, lines ending in `\n` (§5: any line length; one instance per line here). */
  serialize(header: StepHeader): string {
    const list = (items: string[]): string => `(${items.map(encodeStepString).join(',')})`;
    const head = [
      'ISO-10303-21;',
      'HEADER;',
      `FILE_DESCRIPTION(${list(header.description)},'2;1');`,
      `FILE_NAME(${[
        encodeStepString(header.name),
        encodeStepString(header.timeStamp),
        list(header.author),
        list(header.organization),
        encodeStepString(header.preprocessorVersion),
        encodeStepString(header.originatingSystem),
        encodeStepString(header.authorization),
      ].join(',')});`,
      `FILE_SCHEMA(${list(header.schema)});`,
      'ENDSEC;',
      'DATA;',
    ];
    return [...head, ...this.lines, 'ENDSEC;', 'END-ISO-10303-21;', ''].join('\n');
  }

  private append(type: string, body: string): StepRef {
    const ref = new StepRef(this.lines.length + 1);
    this.lines.push(`#${ref.id}=${body};`);
    this.countsByType.set(type, this.count(type) + 1);
    return ref;
  }
}
