/**
 * The 'bim-project' feature of a BIM submission: id, name, permit number, review status and dates.
 * Read from the file where it says so, in order: the CIM_ProjectApproval property set the demo
 * city's writer puts on IfcProject and IfcBuilding (scripts/demo-city/bim/ifc4-permit.ts), an IfcPermit
 * (IFC4 ifcsharedmgmtelements: Identification, Status; IFC2X3 PermitID), an IfcApproval
 * (IFC4 Status, TimeOfApproval; IFC2X3 ApprovalStatus), Pset_ProjectCommon / Pset_BuildingCommon
 * BuildingPermitId; then the configuration's values. The project id is the configured id, else
 * the property set's ProjectId, else the IfcProject GlobalId.
 */
import { IFCAPPROVAL, IFCBUILDING, IFCPERMIT, IFCPROJECT, IFCSITE } from 'web-ifc';
import {
  BimProjectStatusSchema, FeatureValidationError, parseFeature,
  type BimProject, type CimFeature,
} from '../../cim-model/index.ts';

/** 'submitted' | 'under-review' | 'approved' | 'rejected'. */
export type BimProjectStatus = BimProject['status'];
import type { IfcGeoref } from './ifc-georef.ts';
import { IfcImportError } from './ifc-import-error.ts';
import { stepString, type IfcModel } from './ifc-model.ts';
import type { PropertySetsById, PropertyValue } from './ifc-property-sets.ts';

/** Project values from the city's configuration; used where the file says nothing. */
export interface BimProjectConfig {
  id?: string;
  name?: string;
  permitNumber?: string;
  status?: BimProjectStatus;
  submittedDate?: string;
  reviewedDate?: string;
  decidedDate?: string;
  parcelId?: string;
  developer?: string;
  /** IFC file relative to the dataset root, for the feature's `ifcFile`. */
  ifcFile?: string;
}

/** Name of the demo writer's property set (scripts/demo-city/bim PROJECT_APPROVAL_PSET). */
export const PROJECT_APPROVAL_PSET = 'CIM_ProjectApproval';

export interface BimProjectRead {
  id: string;
  /** The validated feature, or undefined when required values are missing everywhere. */
  feature?: CimFeature;
  /** Required fields found neither in the file nor in the configuration. */
  missing: string[];
}

const STATUS_WORDS: [RegExp, BimProjectStatus][] = [
  [/^(under[-_ ]?review|in[-_ ]?review|reviewing|pending|审查中|审核中)$/i, 'under-review'],
  [/^(approved|granted|issued|accepted|已批准|通过|批准)$/i, 'approved'],
  [/^(rejected|denied|refused|declined|未通过|驳回)$/i, 'rejected'],
  [/^(submitted|requested|new|received|已提交|申报)$/i, 'submitted'],
];

/** A review status in the model's vocabulary, or undefined for words it does not know. */
export function normaliseBimStatus(raw: string | undefined): BimProjectStatus | undefined {
  if (!raw) return undefined;
  const t = raw.trim().replace(/^\.|\.$/g, '');
  const parsed = BimProjectStatusSchema.safeParse(t.toLowerCase());
  if (parsed.success) return parsed.data;
  return STATUS_WORDS.find(([re]) => re.test(t))?.[1];
}

function text(v: PropertyValue | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  return s ? s : undefined;
}

function isoDate(v: string | undefined): string | undefined {
  return v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined;
}

export function readBimProject(
  model: IfcModel, psets: PropertySetsById, georef: IfcGeoref | undefined, config: BimProjectConfig, dataset: string,
): BimProjectRead {
  const projectId = model.idsOf(IFCPROJECT)[0];
  const project = projectId === undefined ? undefined : model.line(projectId);
  const holders = [projectId, ...model.idsOf(IFCBUILDING)].filter((x): x is number => x !== undefined);
  const fromPset = (prop: string): string | undefined => {
    for (const h of holders) {
      const v = text(psets.get(h)?.[PROJECT_APPROVAL_PSET]?.[prop]);
      if (v) return v;
    }
    return undefined;
  };
  const permitIds = model.idsOf(IFCPERMIT);
  const permit = permitIds.length ? model.line(permitIds[0]) : undefined;
  const approvalIds = model.idsOf(IFCAPPROVAL);
  const approval = approvalIds.length ? model.line(approvalIds[0]) : undefined;
  const commonPermit = holders
    .map((h) => text(psets.get(h)?.Pset_ProjectCommon?.BuildingPermitId) ?? text(psets.get(h)?.Pset_BuildingCommon?.BuildingPermitId))
    .find((x) => x);
  const statusText = fromPset('Status') ?? stepString(permit?.Status) ?? stepString(approval?.Status) ?? stepString(approval?.ApprovalStatus);
  const fileStatus = normaliseBimStatus(statusText);
  const status = fileStatus ?? config.status;
  const approvalDate = isoDate(stepString(approval?.TimeOfApproval));
  const decided = status === 'approved' || status === 'rejected';
  const siteIds = model.idsOf(IFCSITE);
  const landTitle = siteIds.length ? stepString(model.line(siteIds[0]).LandTitleNumber) : undefined;

  const id = config.id ?? fromPset('ProjectId') ?? stepString(project?.GlobalId) ?? model.file;
  const candidate = {
    type: 'bim-project' as const,
    id,
    source: { dataset, file: model.file, ...(projectId !== undefined ? { ref: `#${projectId}` } : {}) },
    name: fromPset('ProjectName') ?? stepString(project?.LongName) ?? stepString(project?.Name) ?? config.name,
    permitNumber: fromPset('PermitNumber') ?? stepString(permit?.Identification) ?? stepString(permit?.PermitID) ?? commonPermit ?? config.permitNumber,
    status,
    submittedDate: isoDate(fromPset('SubmittedDate')) ?? config.submittedDate,
    reviewedDate: isoDate(fromPset('ReviewedDate')) ?? config.reviewedDate,
    decidedDate: isoDate(fromPset('DecisionDate')) ?? (decided ? approvalDate : undefined) ?? config.decidedDate,
    parcelId: fromPset('ParcelId') ?? config.parcelId ?? landTitle,
    developer: fromPset('Applicant') ?? config.developer,
    ifcFile: config.ifcFile,
    ifcSchema: model.schema,
    ...(georef && georef.source !== 'site'
      ? { crs: georef.crs, placement: { origin: georef.origin, rotation: georef.rotationDeg } }
      : {}),
    ...(statusText && !fileStatus ? { attributes: { ifcStatus: statusText } } : {}),
  } satisfies Partial<BimProject> & Record<string, unknown>;
  const missing = (['name', 'permitNumber', 'status', 'submittedDate', 'parcelId'] as const).filter((k) => candidate[k] === undefined);
  if (missing.length) return { id, missing };
  const clean = Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined));
  try {
    return { id, feature: parseFeature(clean, { file: model.file }), missing };
  } catch (err) {
    if (err instanceof FeatureValidationError) throw new IfcImportError(model.file, 'project', `bim-project '${id}': ${err.message}`, { cause: err });
    throw err;
  }
}
