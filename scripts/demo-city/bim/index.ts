// Demo-city BIM projects as IFC4 files: public surface of scripts/demo-city/bim.
//
//   const specs = demoBimProjects(sites);            // approved, under review, submitted — one per site
//   for (const spec of specs) await writeBimProject(spec, `${dir}/${spec.id}.ifc`);
//
// Each file is an IFC4 STEP file (DesignTransferView) whose 'Model' context is georeferenced by IfcMapConversion to
// IfcProjectedCRS 'EPSG:4544' (heights on EPSG:5737). Local coordinates: metres, z up, origin at the centre of the
// ground footprint at ±0.000. Review status: IfcPermit / IfcApproval and the PROJECT_APPROVAL_PSET property set.
export type { BimProjectSpec, BimStatus, Footprint, ResolvedBimProjectSpec, Tier } from './bim-project-spec.ts';
export { BIM_STATUSES, bimProjectSpecSchema } from './bim-project-spec.ts';
export type { BimProjectSummary } from './build-ifc4.ts';
export { buildIfc4 } from './build-ifc4.ts';
export type { BimSite } from './demo-bim-projects.ts';
export { demoBimExtents, demoBimProjects } from './demo-bim-projects.ts';
export { ifcGuidFromName, isIfcGuid } from './ifc-guid.ts';
export { PROJECT_APPROVAL_PSET } from './ifc4-permit.ts';
export { PROJECTED_CRS } from './ifc4-project.ts';
export { encodeStepString } from './step-string.ts';
export { writeBimProject } from './write-bim-project.ts';
