/**
 * Property sets and quantity sets of every object, flattened to primitive values:
 * pset name → property name → string | number | boolean | null. Sources (IFC4 ifckernel):
 * IfcRelDefinesByType (the type object's HasPropertySets, applied first) and
 * IfcRelDefinesByProperties (the occurrence's own sets, which win). IfcPropertySingleValue gives its
 * NominalValue, enumerated and list values are joined with ', ', bounded values become 'lower..upper',
 * IfcElementQuantity quantities give their value in project units.
 */
import {
  IFCELEMENTQUANTITY, IFCPROPERTYBOUNDEDVALUE, IFCPROPERTYENUMERATEDVALUE, IFCPROPERTYLISTVALUE, IFCPROPERTYSINGLEVALUE,
  IFCRELDEFINESBYPROPERTIES, IFCRELDEFINESBYTYPE,
} from 'web-ifc';
import { rawPrimitive, rawRef, rawRefs, type IfcModel } from './ifc-model.ts';

export type PropertyValue = string | number | boolean | null;
export type PropertySets = Record<string, Record<string, PropertyValue>>;
/** Property sets by express id of the object they describe. */
export type PropertySetsById = Map<number, PropertySets>;

// Positional attributes (IFC2X3, IFC4 and IFC4X3 agree on these positions):
// IfcRelDefinesByProperties / IfcRelDefinesByType: 4 RelatedObjects, 5 RelatingPropertyDefinition / RelatingType;
// IfcTypeObject: 5 HasPropertySets; IfcPropertySet: 2 Name, 4 HasProperties; IfcElementQuantity: 2 Name, 5 Quantities;
// IfcProperty*: 0 Name; SingleValue 2 NominalValue; EnumeratedValue 2 EnumerationValues; ListValue 2 ListValues;
// BoundedValue 2 UpperBoundValue, 3 LowerBoundValue; IfcPhysicalSimpleQuantity: 0 Name, 3 value.

function text(model: IfcModel, arg: unknown): string | undefined {
  const v = rawPrimitive(model, arg);
  if (v === null) return undefined;
  const t = String(v).trim();
  return t ? t : undefined;
}

function listText(model: IfcModel, v: unknown): PropertyValue {
  if (!Array.isArray(v)) return null;
  const parts = v.map((x) => rawPrimitive(model, x)).filter((x) => x !== null);
  return parts.length ? parts.join(', ') : null;
}

function propertyValue(model: IfcModel, id: number, args: unknown[]): PropertyValue | undefined {
  switch (model.typeOf(id)) {
    case IFCPROPERTYSINGLEVALUE:
      return rawPrimitive(model, args[2]);
    case IFCPROPERTYENUMERATEDVALUE:
      return listText(model, args[2]);
    case IFCPROPERTYLISTVALUE:
      return listText(model, args[2]);
    case IFCPROPERTYBOUNDEDVALUE: {
      const hi = rawPrimitive(model, args[2]), lo = rawPrimitive(model, args[3]);
      return lo === null && hi === null ? null : `${lo ?? ''}..${hi ?? ''}`;
    }
    default:
      // Quantities (IfcQuantityLength, …Area, …Volume, …Count, …Weight, …Time, …Number): the value is the 4th attribute.
      return args.length >= 4 && !Array.isArray(args[3]) ? rawPrimitive(model, args[3]) : undefined;
  }
}

function readSet(model: IfcModel, id: number): [string, Record<string, PropertyValue>] | undefined {
  const args = model.args(id);
  const name = text(model, args[2]);
  if (!name) return undefined;
  const members = rawRefs(model.typeOf(id) === IFCELEMENTQUANTITY ? args[5] : args[4]);
  const props: Record<string, PropertyValue> = {};
  for (const m of members) {
    const margs = model.args(m);
    const propName = text(model, margs[0]);
    if (!propName) continue;
    const v = propertyValue(model, m, margs);
    if (v !== undefined) props[propName] = v;
  }
  return [name, props];
}

/** Reads all property and quantity sets of the model, keyed by the object they are assigned to. */
export function readPropertySets(model: IfcModel): PropertySetsById {
  const cache = new Map<number, [string, Record<string, PropertyValue>] | undefined>();
  const setOf = (id: number) => {
    if (!cache.has(id)) cache.set(id, readSet(model, id));
    return cache.get(id);
  };
  const out: PropertySetsById = new Map();
  const assign = (objects: number[], sets: number[]) => {
    for (const setId of sets) {
      const entry = setOf(setId);
      if (!entry) continue;
      for (const obj of objects) {
        let psets = out.get(obj);
        if (!psets) out.set(obj, (psets = {}));
        psets[entry[0]] = { ...psets[entry[0]], ...entry[1] };
      }
    }
  };
  for (const rel of model.idsOf(IFCRELDEFINESBYTYPE)) {
    const r = model.args(rel);
    const type = rawRef(r[5]);
    if (type !== undefined) assign(rawRefs(r[4]), rawRefs(model.args(type)[5]));
  }
  for (const rel of model.idsOf(IFCRELDEFINESBYPROPERTIES)) {
    const r = model.args(rel);
    const def = r[5];
    const sets = Array.isArray(def) ? rawRefs(def) : [rawRef(def)].filter((x): x is number => x !== undefined);
    assign(rawRefs(r[4]), sets);
  }
  return out;
}
