/**
 * flood-sim: DEM, rain, 2D overland solver, 1D pipe/river network, coupling, replay format.
 * Pure core; thin worker and file adapters.
 */
export * from './network/index.ts';
