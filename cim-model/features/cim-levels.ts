/**
 * CIM levels of detail: seven levels from the ground-surface model (1) to the part model (7), as
 * defined by MOHURD 《城市信息模型（CIM）基础平台技术导则》 (2020, revised 2021), table "CIM 分级",
 * and used by local CIM data standards such as Hunan DBJ43/T 531-2022 §3.3 "CIM分级规定".
 * The names are the guide's; the descriptions paraphrase its content column from memory of the
 * guide and were not re-checked against the printed table here.
 */
import { z } from 'zod';

export interface CimLevelInfo {
  level: number;
  /** English name used in cimflow's UI and docs. */
  name: string;
  /** Chinese name as in the MOHURD guide. */
  nameZh: string;
  description: string;
}

export const CIM_LEVELS = [
  { level: 1, name: 'ground surface model', nameZh: '地表模型',
    description: 'DEM and orthophoto (DOM) with 2D vectors: administrative areas, water systems, settlements, transport lines.' },
  { level: 2, name: 'framework model', nameZh: '框架模型',
    description: 'Terrain plus block models without texture of buildings, transport, water works, pipelines and vegetation (e.g. footprint extrusions).' },
  { level: 3, name: 'standard model', nameZh: '标准模型',
    description: 'Models with basic exterior shape and real textures, e.g. oblique-photography reality meshes and textured buildings.' },
  { level: 4, name: 'fine model', nameZh: '精细模型',
    description: 'Detailed exterior models: facade, roof and ancillary structures at façade-element detail.' },
  { level: 5, name: 'functional model', nameZh: '功能级模型',
    description: 'Interior functional spaces: storeys, rooms and functional zones of buildings and facilities.' },
  { level: 6, name: 'component model', nameZh: '构件级模型',
    description: 'Building and facility components (walls, slabs, columns, pipes, valves) with their attributes, as in BIM.' },
  { level: 7, name: 'part model', nameZh: '零件级模型',
    description: 'Parts and details of components (e.g. fittings, fixings) at manufacturing detail.' },
] as const satisfies readonly CimLevelInfo[];

/** A CIM level: an integer 1–7 (see CIM_LEVELS). */
export const CimLevelSchema = z
  .int()
  .min(1)
  .max(CIM_LEVELS.length)
  .describe('CIM level of detail 1–7 (MOHURD CIM platform guide: 1 ground surface … 7 part)');

export type CimLevel = z.infer<typeof CimLevelSchema>;

/** The CIM_LEVELS entry for a level. */
export function cimLevelInfo(level: CimLevel): CimLevelInfo {
  const info = CIM_LEVELS.find((l) => l.level === level);
  if (!info) throw new RangeError(`CIM level must be an integer 1–${CIM_LEVELS.length}, found ${level}`);
  return info;
}
