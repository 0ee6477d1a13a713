/**
 * BIM project: a building project submitted for planning approval (BIM 报建 / 规划审查) with its IFC
 * model. CIM level 4 (the project as a whole; its elements are level 6).
 */
import { z } from 'zod';
import { featureBaseShape, featureRef } from './feature-base.ts';
import { Position3Schema } from './geometry.ts';

export const BimProjectStatusSchema = z
  .enum(['submitted', 'under-review', 'approved', 'rejected'])
  .meta({ id: 'BimProjectStatus', description: 'approval status of the BIM submission' });
export type BimProjectStatus = z.infer<typeof BimProjectStatusSchema>;

export const IfcSchemaVersionSchema = z
  .enum(['IFC2X3', 'IFC4', 'IFC4X3'])
  .meta({ id: 'IfcSchemaVersion', description: 'IFC schema of the model file' });
export type IfcSchemaVersion = z.infer<typeof IfcSchemaVersionSchema>;

/**
 * Where the IFC model's engineering coordinates land in the project CRS, as IfcMapConversion:
 * model (0,0,0) maps to `origin`, and the model x axis is rotated `rotation` degrees
 * counter-clockwise from grid east.
 */
export const BimPlacementSchema = z.strictObject({
  origin: Position3Schema.describe('model origin [easting, northing, height] in m in the feature CRS'),
  rotation: z.number().min(-360).max(360).default(0).describe('model x axis, degrees counter-clockwise from grid east'),
});
export type BimPlacement = z.infer<typeof BimPlacementSchema>;

/**
 * The layer id of an IFC model's tileset in the root CIM tileset: `bim-` and the file's base name in lower
 * case with every run of other characters as one `-` (BIM-2026-001.ifc → bim-bim-2026-001). The tiler names
 * layers by it and the server links each project to its layer by it.
 */
export function bimLayerId(ifcFile: string): string {
  const base = ifcFile.split(/[\\/]/).pop() ?? ifcFile;
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  return `bim-${stem.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

const ProjectShape = {
  ...featureBaseShape('bim-project', 4),
  name: z.string().min(1).describe('project name'),
  permitNumber: z.string().min(1).describe('planning permit number (建设工程规划许可证号)'),
  status: BimProjectStatusSchema,
  submittedDate: z.iso.date().describe('submission date, ISO 8601 YYYY-MM-DD'),
  reviewedDate: z.iso.date().optional().describe('date review started, ISO 8601 YYYY-MM-DD'),
  decidedDate: z.iso.date().optional().describe('date of approval or rejection, ISO 8601 YYYY-MM-DD'),
  parcelId: featureRef(['parcel'], 'id of the parcel the project is built on'),
  developer: z.string().min(1).optional().describe('developer (建设单位)'),
  ifcFile: z.string().min(1).optional().describe('IFC file, relative to the dataset root'),
  ifcSchema: IfcSchemaVersionSchema.optional(),
  placement: BimPlacementSchema.optional(),
};

export const BimProjectSchema = z.strictObject(ProjectShape).superRefine((p, ctx) => {
  // Dates are ISO YYYY-MM-DD, so string order is date order.
  if (p.reviewedDate && p.reviewedDate < p.submittedDate) {
    ctx.addIssue({ code: 'custom', path: ['reviewedDate'], input: p.reviewedDate,
      message: `expected a date on or after submittedDate (${p.submittedDate})` });
  }
  const decidedAfter = p.reviewedDate ?? p.submittedDate;
  if (p.decidedDate && p.decidedDate < decidedAfter) {
    ctx.addIssue({ code: 'custom', path: ['decidedDate'], input: p.decidedDate,
      message: `expected a date on or after ${p.reviewedDate ? 'reviewedDate' : 'submittedDate'} (${decidedAfter})` });
  }
  const decided = p.status === 'approved' || p.status === 'rejected';
  if (decided && !p.decidedDate) {
    ctx.addIssue({ code: 'custom', path: ['decidedDate'], input: undefined,
      message: `expected a decision date when status is '${p.status}'` });
  }
  if (!decided && p.decidedDate) {
    ctx.addIssue({ code: 'custom', path: ['decidedDate'], input: p.decidedDate,
      message: `expected no decision date when status is '${p.status}'` });
  }
})
  .describe('BIM project submitted for planning approval, with its IFC model');
export type BimProject = z.infer<typeof BimProjectSchema>;
