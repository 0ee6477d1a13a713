/** BIM element: one IFC product of a BIM project, with its property sets. CIM level 6 (component). */
import { z } from 'zod';
import { featureBaseShape, featureRef } from './feature-base.ts';

/**
 * IFC GlobalId: a 128-bit GUID in 22 characters of IFC's base-64 alphabet (0-9, A-Z, a-z, _, $).
 * The first character carries only the top 2 bits, so it is 0–3 (IFC4 IfcGloballyUniqueId).
 */
export const IfcGuidSchema = z
  .string()
  .regex(/^[0-3][0-9A-Za-z_$]{21}$/, 'expected an IFC GlobalId: 22 characters of 0-9 A-Z a-z _ $, the first 0-3')
  .describe('IFC GlobalId (22-character compressed GUID)');

/** Property sets: pset name → property name → value, as read from IfcPropertySingleValue. */
export const PropertySetsSchema = z
  .record(z.string().min(1), z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean(), z.null()])))
  .describe('IFC property sets (JSON object: pset → property → value)');

export const BimElementSchema = z.strictObject({
  ...featureBaseShape('bim-element', 6),
  guid: IfcGuidSchema,
  ifcClass: z
    .string()
    .regex(/^Ifc[A-Z][A-Za-z0-9]*$/, 'expected an IFC entity name such as IfcWall')
    .describe('IFC entity, e.g. IfcWall, IfcSlab'),
  projectId: featureRef(['bim-project'], 'id of the BIM project'),
  storey: z.string().min(1).optional().describe('name of the IfcBuildingStorey containing the element'),
  propertySets: PropertySetsSchema.default({}),
})
  .describe('BIM element: one IFC product of a BIM project with its property sets');
export type BimElement = z.infer<typeof BimElementSchema>;
