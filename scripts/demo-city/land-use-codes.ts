/**
 * Parcel land-use codes of GB 50137-2011 (Code for classification of urban land use and planning standards of
 * development land) used in the demo city, with the planning indicators each class is given and the building
 * programme that fills it. Indicator ranges are typical Chongqing control-plan values (synthetic).
 */
export interface LandUseClass {
  code: string;
  name: string;
  nameZh: string;
  /** Building use recorded on the buildings of a parcel of this class. */
  buildingUse: 'residential' | 'commercial' | 'mixed' | 'office' | 'industrial' | 'warehouse' | 'education' | 'healthcare' | 'public';
  /** Planning indicators: maximum floor-area ratio, maximum building coverage, minimum green ratio, height limit (m). */
  far: number;
  coverage: number;
  greenRatio: number;
  heightLimit: number;
}

export const LAND_USE_CLASSES = {
  R2: { code: 'R2', name: 'Residential, class 2', nameZh: '二类居住用地', buildingUse: 'residential', far: 2.5, coverage: 0.35, greenRatio: 0.3, heightLimit: 100 },
  R2old: { code: 'R2', name: 'Residential, class 2 (old town)', nameZh: '二类居住用地', buildingUse: 'residential', far: 1.8, coverage: 0.55, greenRatio: 0.1, heightLimit: 24 },
  B1: { code: 'B1', name: 'Commercial', nameZh: '商业用地', buildingUse: 'commercial', far: 3, coverage: 0.5, greenRatio: 0.15, heightLimit: 60 },
  B1old: { code: 'B1', name: 'Commercial (old town shops over dwellings)', nameZh: '商业用地', buildingUse: 'mixed', far: 2.2, coverage: 0.6, greenRatio: 0.05, heightLimit: 24 },
  B2: { code: 'B2', name: 'Business and office', nameZh: '商务用地', buildingUse: 'office', far: 4, coverage: 0.4, greenRatio: 0.2, heightLimit: 100 },
  A1: { code: 'A1', name: 'Administration', nameZh: '行政办公用地', buildingUse: 'office', far: 2, coverage: 0.35, greenRatio: 0.35, heightLimit: 50 },
  A33: { code: 'A33', name: 'Primary and secondary school', nameZh: '中小学用地', buildingUse: 'education', far: 1, coverage: 0.25, greenRatio: 0.35, heightLimit: 24 },
  A51: { code: 'A51', name: 'Hospital', nameZh: '医院用地', buildingUse: 'healthcare', far: 1.8, coverage: 0.35, greenRatio: 0.35, heightLimit: 60 },
  M1: { code: 'M1', name: 'Industrial, class 1', nameZh: '一类工业用地', buildingUse: 'industrial', far: 1.2, coverage: 0.5, greenRatio: 0.15, heightLimit: 24 },
  W1: { code: 'W1', name: 'Logistics and warehousing', nameZh: '一类物流仓储用地', buildingUse: 'warehouse', far: 1, coverage: 0.55, greenRatio: 0.1, heightLimit: 24 },
  G1: { code: 'G1', name: 'Park', nameZh: '公园绿地', buildingUse: 'public', far: 0.05, coverage: 0.03, greenRatio: 0.7, heightLimit: 12 },
  G3: { code: 'G3', name: 'Square', nameZh: '广场用地', buildingUse: 'public', far: 0.05, coverage: 0.05, greenRatio: 0.35, heightLimit: 12 },
} as const satisfies Record<string, LandUseClass>;

export type LandUseKey = keyof typeof LAND_USE_CLASSES;

/** How buildings fill a parcel of a land-use class: slot size (m), footprint fill of the slot, floors, floor height. */
export interface BuildingProgramme {
  slot: [number, number];
  fill: [number, number];
  probability: number;
  floors: [number, number];
  floorHeight: number;
  /** Setback from the parcel edge, metres. */
  setback: number;
}

export const BUILDING_PROGRAMMES: Record<LandUseKey, BuildingProgramme> = {
  R2old: { slot: [11, 10], fill: [0.7, 0.9], probability: 0.9, floors: [2, 6], floorHeight: 3, setback: 1.5 },
  B1old: { slot: [12, 11], fill: [0.75, 0.92], probability: 0.95, floors: [2, 5], floorHeight: 3.6, setback: 1 },
  R2: { slot: [25, 21], fill: [0.55, 0.72], probability: 0.92, floors: [11, 33], floorHeight: 3, setback: 6 },
  B1: { slot: [22, 18], fill: [0.6, 0.85], probability: 0.92, floors: [3, 12], floorHeight: 4.2, setback: 4 },
  B2: { slot: [30, 26], fill: [0.5, 0.7], probability: 0.85, floors: [12, 28], floorHeight: 3.9, setback: 6 },
  A1: { slot: [36, 26], fill: [0.5, 0.7], probability: 0.8, floors: [5, 12], floorHeight: 3.9, setback: 8 },
  A33: { slot: [55, 22], fill: [0.55, 0.8], probability: 0.6, floors: [3, 5], floorHeight: 3.9, setback: 8 },
  A51: { slot: [50, 28], fill: [0.55, 0.8], probability: 0.85, floors: [5, 14], floorHeight: 4.2, setback: 6 },
  M1: { slot: [44, 30], fill: [0.55, 0.8], probability: 0.85, floors: [1, 3], floorHeight: 6, setback: 6 },
  W1: { slot: [52, 32], fill: [0.6, 0.85], probability: 0.85, floors: [1, 1], floorHeight: 10, setback: 6 },
  G1: { slot: [60, 60], fill: [0.1, 0.16], probability: 0.35, floors: [1, 1], floorHeight: 4, setback: 10 },
  G3: { slot: [80, 80], fill: [0.08, 0.12], probability: 0.2, floors: [1, 1], floorHeight: 4, setback: 10 },
};
