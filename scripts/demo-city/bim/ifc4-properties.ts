// IFC4 property sets and element quantities (ifckernel IfcPropertySet / IfcRelDefinesByProperties,
// ifcpropertyresource IfcPropertySingleValue, ifcproductextension IfcElementQuantity). Values are typed measures
// in the project units (m, m², m³).
import type { StepFile, StepRef, StepTyped } from './step-file.ts';
import { integer, typed } from './step-file.ts';

export const label = (value: string): StepTyped => typed('IFCLABEL', value);
export const identifier = (value: string): StepTyped => typed('IFCIDENTIFIER', value);
export const boolean = (value: boolean): StepTyped => typed('IFCBOOLEAN', value);
export const count = (value: number): StepTyped => typed('IFCINTEGER', integer(value));
export const area = (value: number): StepTyped => typed('IFCAREAMEASURE', value);
/** ISO 8601 calendar date 'YYYY-MM-DD' (IfcDate). */
export const date = (value: string): StepTyped => typed('IFCDATE', value);

/** Property name → value; undefined values are left out. */
export type Properties = Record<string, StepTyped | undefined>;

export interface DefinitionTarget {
  file: StepFile;
  ownerHistory: StepRef;
  /** GlobalIds of the set and of its relationship. */
  guids: { set: string; rel: string };
  relatedObjects: readonly StepRef[];
}

/** Writes an IfcPropertySet of single values and the IfcRelDefinesByProperties attaching it to `relatedObjects`. */
export function writePropertySet(target: DefinitionTarget, name: string, properties: Properties): StepRef {
  const { file, ownerHistory, guids, relatedObjects } = target;
  const values = Object.entries(properties)
    .filter((entry): entry is [string, StepTyped] => entry[1] !== undefined)
    .map(([key, value]) => file.shared('IFCPROPERTYSINGLEVALUE', [key, null, value, null]));
  const set = file.add('IFCPROPERTYSET', [guids.set, ownerHistory, name, null, values]);
  file.add('IFCRELDEFINESBYPROPERTIES', [guids.rel, ownerHistory, null, null, relatedObjects, set]);
  return set;
}

export type Quantity = { length: number } | { area: number } | { volume: number };

const QUANTITY_ENTITY = { length: 'IFCQUANTITYLENGTH', area: 'IFCQUANTITYAREA', volume: 'IFCQUANTITYVOLUME' } as const;

/** Writes an IfcElementQuantity (base quantities, e.g. 'Qto_WallBaseQuantities') and its relationship. */
export function writeQuantitySet(target: DefinitionTarget, name: string, quantities: Record<string, Quantity>): StepRef {
  const { file, ownerHistory, guids, relatedObjects } = target;
  const items = Object.entries(quantities).map(([key, quantity]) => {
    const [kind, value] = Object.entries(quantity)[0] as [keyof typeof QUANTITY_ENTITY, number];
    return file.shared(QUANTITY_ENTITY[kind], [key, null, null, value, null]);
  });
  const set = file.add('IFCELEMENTQUANTITY', [guids.set, ownerHistory, name, null, null, items]);
  file.add('IFCRELDEFINESBYPROPERTIES', [guids.rel, ownerHistory, null, null, relatedObjects, set]);
  return set;
}
