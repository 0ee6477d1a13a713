/**
 * Unit conversion. The engine keeps SWMM's internal convention — feet, seconds, cfs, ft³ — and converts
 * at the edges: input values are divided by these factors, reported values multiplied
 * (SWMM 5 swmm5.c `Ucf`/`Qcf`; US = CFS/GPM/MGD, SI = CMS/LPS/MLD).
 */
export const FLOW_UNITS = ['CFS', 'GPM', 'MGD', 'CMS', 'LPS', 'MLD'] as const;
export type FlowUnits = (typeof FLOW_UNITS)[number];

/** Flow factor: user flow units per cfs. */
const QCF: Record<FlowUnits, number> = { CFS: 1, GPM: 448.831, MGD: 0.64632, CMS: 0.02832, LPS: 28.317, MLD: 2.4466 };

export interface UnitFactors {
  flowUnits: FlowUnits;
  isSI: boolean;
  /** flow: user units per cfs */
  flow: number;
  /** length: m or ft per ft */
  length: number;
  /** volume: m³ or ft³ per ft³ */
  volume: number;
  /** land area: ha or acres per ft² */
  landArea: number;
  /** rainfall intensity: mm/h or in/h per ft/s */
  rainfall: number;
  /** rain depth: mm or in per ft */
  rainDepth: number;
  /** evaporation rate: mm/day or in/day per ft/s */
  evapRate: number;
}

export function unitFactors(flowUnits: FlowUnits): UnitFactors {
  const si = flowUnits === 'CMS' || flowUnits === 'LPS' || flowUnits === 'MLD';
  return {
    flowUnits,
    isSI: si,
    flow: QCF[flowUnits],
    length: si ? 0.3048 : 1,
    volume: si ? 0.02832 : 1,
    landArea: si ? 0.92903e-5 : 2.2956e-5,
    rainfall: si ? 1097280 : 43200,
    rainDepth: si ? 304.8 : 12,
    evapRate: si ? 26334720 : 1036800,
  };
}

/** Acceleration of gravity in ft/s² and Manning's constant 1.486 (ft^(1/3)/s) of SWMM's internal units. */
export const GRAVITY = 32.2;
export const PHI = 1.486;
