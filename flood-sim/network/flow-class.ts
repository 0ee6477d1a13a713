/** Link flow classes of dynamic-wave routing (SWMM dwflow.c), stored per link in `HydState.flowClass`. */
export const enum FlowClass { Dry = 0, UpDry = 1, DnDry = 2, Subcritical = 3, Supercritical = 4, UpCritical = 5, DnCritical = 6 }

/** Small depth / area (ft, ft²) treated as zero, as SWMM's FUDGE. */
export const FUDGE = 0.0001;
