// The review status of the project, written two ways so an importer finds it either way:
// 1. IFC-native: IfcPermit (PredefinedType BUILDING, Identification = permit number, Status) controlling the building
//    through IfcRelAssignsToControl, and an IfcApproval (Status, TimeOfApproval, requesting / giving organisation)
//    associated with the building and the permit through IfcRelAssociatesApproval;
// 2. a property set PROJECT_APPROVAL_PSET on the IfcProject and the IfcBuilding.
// IFC4 ADD2 TC1: ifcsharedmgmtelements IfcPermit; ifcapprovalresource IfcApproval; ifckernel IfcRelAssignsToControl,
// IfcRelDeclares; ifccontrolextension IfcRelAssociatesApproval.
import type { ResolvedBimProjectSpec } from './bim-project-spec.ts';
import type { ProjectContext } from './ifc4-project.ts';
import { date, identifier, label, writePropertySet } from './ifc4-properties.ts';
import type { StepRef } from './step-file.ts';
import { enumValue } from './step-file.ts';

/** Name of the custom property set with the project's approval data ('CIM_' prefix: not a buildingSMART set). */
export const PROJECT_APPROVAL_PSET = 'CIM_ProjectApproval';

export function writePermitAndApproval(ctx: ProjectContext, spec: ResolvedBimProjectSpec, building: StepRef): void {
  const { file, ownerHistory, guid } = ctx;
  const { submitted, reviewed, decided } = spec.dates;
  const permit = file.add('IFCPERMIT', [
    guid('permit'), ownerHistory, `建设工程规划许可证 ${spec.permitNumber}`, spec.name, null, spec.permitNumber,
    enumValue('BUILDING'), spec.status, `Submitted ${submitted}${reviewed ? `, review started ${reviewed}` : ''}${decided ? `, decided ${decided}` : ''}`,
  ]);
  file.add('IFCRELDECLARES', [guid('permit/declares'), ownerHistory, null, null, ctx.project, [permit]]);
  file.add('IFCRELASSIGNSTOCONTROL', [guid('permit/controls'), ownerHistory, null, null, [building], null, permit]);

  // TimeOfApproval is when the result was produced (IfcDateTime, China Standard Time): unset until decided.
  const approval = file.add('IFCAPPROVAL', [
    spec.id, 'BIM 报建审查', `${spec.authority} BIM review of ${spec.id}`, decided ? `${decided}T10:00:00` : null, spec.status,
    null, null, ctx.developer, ctx.authority,
  ]);
  file.add('IFCRELASSOCIATESAPPROVAL', [guid('approval/associates'), ownerHistory, null, null, [building, permit], approval]);

  writePropertySet(
    { file, ownerHistory, guids: { set: guid('approval/pset'), rel: guid('approval/pset/rel') }, relatedObjects: [ctx.project, building] },
    PROJECT_APPROVAL_PSET,
    {
      ProjectId: identifier(spec.id),
      ProjectName: label(spec.name),
      ProjectNameEn: spec.nameEn === undefined ? undefined : label(spec.nameEn),
      PermitNumber: identifier(spec.permitNumber),
      Status: label(spec.status),
      SubmittedDate: date(submitted),
      ReviewedDate: reviewed === undefined ? undefined : date(reviewed),
      DecisionDate: decided === undefined ? undefined : date(decided),
      ParcelId: identifier(spec.parcelId),
      Developer: label(spec.developer),
      Authority: label(spec.authority),
    },
  );
}
