/**
 * The typed model of a SWMM 5 input file (`.inp`), as read by `parseInp` and written by `writeInp`.
 * Values stay in the file's own units (see `FLOW_UNITS`); `units.ts` converts them for the engine.
 * Every record keeps the 1-based `line` it came from so later checks can name it.
 * Section formats: SWMM 5 User's Manual (EPA/600/R-17/258), Appendix D "Detailed Input File Format".
 */

/** A record's source position. */
export interface Located {
  line: number;
}

export interface InpOption extends Located {
  key: string;
  value: string;
}

export interface RainGage extends Located {
  name: string;
  /** INTENSITY | VOLUME | CUMULATIVE */
  format: string;
  /** Recording interval as written (decimal hours or h:mm). */
  interval: string;
  snowCatch: number;
  /** TIMESERIES or FILE */
  source: string;
  /** Time series name, or file name + station + units for FILE. */
  sourceArgs: string[];
}

export interface Subcatchment extends Located {
  name: string;
  gage: string;
  outlet: string;
  /** acres or hectares */
  area: number;
  /** percent */
  imperv: number;
  /** ft or m */
  width: number;
  /** percent */
  slope: number;
  curbLength: number;
  snowPack?: string;
}

export interface Subarea extends Located {
  subcatchment: string;
  nImperv: number;
  nPerv: number;
  /** depression storage, in or mm */
  sImperv: number;
  sPerv: number;
  pctZero: number;
  /** OUTLET | IMPERVIOUS | PERVIOUS */
  routeTo: string;
  pctRouted?: number;
}

export interface Infiltration extends Located {
  subcatchment: string;
  /** Method parameters in file order (Horton: f0, fmin, decay, dry time, Fmax). */
  params: number[];
  /** Per-subcatchment method override (SWMM 5.2). */
  method?: string;
}

export interface Junction extends Located {
  name: string;
  elevation: number;
  maxDepth: number;
  initDepth: number;
  surDepth: number;
  pondedArea: number;
}

export interface Outfall extends Located {
  name: string;
  elevation: number;
  /** FREE | NORMAL | FIXED | TIDAL | TIMESERIES */
  type: string;
  /** Fixed stage, tidal curve or time series name (absent for FREE/NORMAL). */
  stageData?: string;
  gated: boolean;
  routeTo?: string;
}

export interface Storage extends Located {
  name: string;
  elevation: number;
  maxDepth: number;
  initDepth: number;
  /** FUNCTIONAL | TABULAR | CYLINDRICAL | CONICAL | PARABOLOID | PYRAMIDAL */
  shape: string;
  /** Shape parameters then ponded area / evaporation factor / seepage, as written. */
  params: string[];
}

export interface Conduit extends Located {
  name: string;
  from: string;
  to: string;
  length: number;
  roughness: number;
  inOffset: number;
  outOffset: number;
  initFlow: number;
  maxFlow: number;
}

export interface Pump extends Located {
  name: string;
  from: string;
  to: string;
  curve: string;
  status: string;
  startup: number;
  shutoff: number;
}

export interface Orifice extends Located {
  name: string;
  from: string;
  to: string;
  /** SIDE | BOTTOM */
  type: string;
  offset: number;
  cd: number;
  gated: boolean;
  closeTime: number;
}

export interface Weir extends Located {
  name: string;
  from: string;
  to: string;
  /** TRANSVERSE | SIDEFLOW | V-NOTCH | TRAPEZOIDAL | ROADWAY */
  type: string;
  crestHeight: number;
  cd: number;
  /** Remaining optional fields as written (gated, end contractions, end coefficient, surcharge, ...). */
  extra: string[];
}

export interface Xsection extends Located {
  link: string;
  shape: string;
  /** Geom1..Geom4 (CUSTOM: the height only); IRREGULAR/STREET: none, the transect or street name is in `curve`. */
  geom: number[];
  curve?: string;
  barrels: number;
  culvert?: number;
}

export interface Loss extends Located {
  link: string;
  kEntry: number;
  kExit: number;
  kAvg: number;
  flapGate: boolean;
  seepage: number;
}

export interface ExternalInflow extends Located {
  node: string;
  constituent: string;
  /** Time series name; empty when only a baseline is given. */
  series: string;
  type: string;
  mFactor: number;
  sFactor: number;
  baseline: number;
  pattern?: string;
}

export interface DryWeatherFlow extends Located {
  node: string;
  constituent: string;
  average: number;
  patterns: string[];
}

export interface SeriesPoint extends Located {
  /** mm/dd/yyyy when given. */
  date?: string;
  /** Decimal hours or hh:mm[:ss]. */
  time: string;
  value: number;
}

export interface TimeSeries extends Located {
  name: string;
  /** External file (`FILE name`); when set `points` is empty. */
  file?: string;
  points: SeriesPoint[];
}

export interface CurvePoint extends Located {
  x: number;
  y: number;
}

export interface Curve extends Located {
  name: string;
  type: string;
  points: CurvePoint[];
}

export interface Pattern extends Located {
  name: string;
  type: string;
  factors: number[];
}

/** A row of a section the engine does not interpret, kept for the round trip. */
export interface RawRow extends Located {
  tokens: string[];
}

export interface RawSection {
  /** Section name as written, without brackets. */
  name: string;
  rows: RawRow[];
}

export interface InpModel {
  /** File name used in error messages. */
  file: string;
  /** Order of sections as they appeared (upper-case canonical names), for writing them back. */
  order: string[];
  title: string[];
  options: InpOption[];
  raingages: RainGage[];
  subcatchments: Subcatchment[];
  subareas: Subarea[];
  infiltration: Infiltration[];
  junctions: Junction[];
  outfalls: Outfall[];
  storage: Storage[];
  conduits: Conduit[];
  pumps: Pump[];
  orifices: Orifice[];
  weirs: Weir[];
  xsections: Xsection[];
  losses: Loss[];
  inflows: ExternalInflow[];
  dwf: DryWeatherFlow[];
  timeseries: TimeSeries[];
  curves: Curve[];
  patterns: Pattern[];
  /** Sections kept verbatim (EVAPORATION, TRANSECTS, REPORT, MAP, COORDINATES, POLLUTANTS, TAGS, ...). */
  raw: RawSection[];
}
