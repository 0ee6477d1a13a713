/**
 * Length units of an IFC model in metres: the project's length unit (IfcProject.UnitsInContext)
 * and any IfcNamedUnit such as IfcProjectedCRS.MapUnit. web-ifc already scales streamed geometry
 * to metres; attributes read directly (placements, profile sizes, RefElevation, map offsets) are
 * in these units and are scaled here. IFC4 ifcmeasureresource: IfcSIUnit, IfcSIPrefix,
 * IfcConversionBasedUnit.
 */
import { IFCPROJECT } from 'web-ifc';
import { IfcImportError } from './ifc-import-error.ts';
import { stepNumber, stepRef, stepRefs, stepString, type IfcModel } from './ifc-model.ts';

const SI_PREFIX: Record<string, number> = {
  EXA: 1e18, PETA: 1e15, TERA: 1e12, GIGA: 1e9, MEGA: 1e6, KILO: 1e3, HECTO: 1e2, DECA: 1e1,
  DECI: 1e-1, CENTI: 1e-2, MILLI: 1e-3, MICRO: 1e-6, NANO: 1e-9, PICO: 1e-12, FEMTO: 1e-15, ATTO: 1e-18,
};

/** Metres per unit of an IfcSIUnit / IfcConversionBasedUnit length unit, by express id. */
export function namedUnitMetres(model: IfcModel, unitId: number, depth = 0): number {
  const unit = model.line(unitId);
  const cls = model.className(unitId);
  if (cls === 'IfcSIUnit') {
    const name = stepString(unit.Name);
    if (name !== 'METRE') throw new IfcImportError(model.file, 'units', `length unit #${unitId}: expected IfcSIUnit METRE, found ${name ?? 'no name'}`);
    const prefix = stepString(unit.Prefix);
    return prefix ? (SI_PREFIX[prefix] ?? NaN) : 1;
  }
  if (cls === 'IfcConversionBasedUnit' || cls === 'IfcConversionBasedUnitWithOffset') {
    const factorId = stepRef(unit.ConversionFactor);
    const factor = factorId === undefined ? undefined : model.line(factorId);
    const value = factor ? stepNumber(factor.ValueComponent) : undefined;
    const base = factor ? stepRef(factor.UnitComponent) : undefined;
    if (value === undefined || base === undefined || depth > 4) {
      throw new IfcImportError(model.file, 'units', `length unit #${unitId} '${stepString(unit.Name) ?? ''}': expected ConversionFactor with a value and a unit, found none`);
    }
    return value * namedUnitMetres(model, base, depth + 1);
  }
  throw new IfcImportError(model.file, 'units', `length unit #${unitId}: expected IfcSIUnit or IfcConversionBasedUnit, found ${cls}`);
}

/** Metres per project length unit (1 for METRE, 0.001 for MILLI METRE); 1 when the file assigns none. */
export function projectLengthUnitMetres(model: IfcModel): number {
  const project = model.idsOf(IFCPROJECT)[0];
  if (project === undefined) throw new IfcImportError(model.file, 'units', 'expected one IfcProject, found none');
  const assignment = stepRef(model.line(project).UnitsInContext);
  if (assignment === undefined) return 1;
  const units = model.line(assignment) as ReturnType<IfcModel['line']> | undefined;
  if (!units) throw new IfcImportError(model.file, 'units', `IfcProject #${project} UnitsInContext: expected an IfcUnitAssignment, found #${assignment}, which the file does not define`);
  for (const unitId of stepRefs(units.Units)) {
    const unit = model.line(unitId);
    if (stepString(unit.UnitType) === 'LENGTHUNIT') {
      const m = namedUnitMetres(model, unitId);
      if (!(m > 0)) throw new IfcImportError(model.file, 'units', `length unit #${unitId}: expected a positive size in metres, found ${m}`);
      return m;
    }
  }
  return 1;
}
