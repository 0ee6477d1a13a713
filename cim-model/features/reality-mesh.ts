/**
 * Reality mesh: an oblique-photography model (ContextCapture / DJI Terra style tiles) described by
 * its metadata.xml: `srs` and `srsOrigin` place the tiles' local coordinates. CIM level 3.
 */
import { z } from 'zod';
import { featureBaseShape } from './feature-base.ts';
import { ExtentSchema, Position3Schema } from './geometry.ts';

export const MeshFormatSchema = z
  .enum(['osgb', 'obj'])
  .meta({ id: 'MeshFormat', description: 'tile format of the reality mesh: OpenSceneGraph binary or Wavefront OBJ' });
export type MeshFormat = z.infer<typeof MeshFormatSchema>;

export const RealityMeshSchema = z.strictObject({
  ...featureBaseShape('reality-mesh', 3),
  srs: z.string().min(1).describe('SRS of metadata.xml, e.g. EPSG:4547 or ENU:30.59,114.30'),
  srsOrigin: Position3Schema.describe('SRSOrigin of metadata.xml: [x, y, z] in srs, easting/longitude first, z in m'),
  format: MeshFormatSchema,
  tileCount: z.int().positive().describe('number of top-level tiles (Tile_+xxx_+yyy folders)'),
  producer: z.string().min(1).optional().describe('producing software, e.g. ContextCapture 10.20'),
  path: z.string().min(1).describe('root folder of the tiles (holding metadata.xml), relative to the dataset root'),
  captureDate: z.iso.date().optional().describe('date of the flight, ISO 8601 YYYY-MM-DD'),
  groundSampleDistance: z.number().positive().optional().describe('ground sample distance in m'),
  extent: ExtentSchema.optional(),
})
  .describe('Reality mesh: oblique-photography tiles placed by the SRS and SRS origin of metadata.xml');
export type RealityMesh = z.infer<typeof RealityMeshSchema>;
