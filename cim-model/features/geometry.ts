/**
 * GeoJSON-like geometry (RFC 7946 shapes) for CIM features.
 *
 * Axis order is ALWAYS easting/longitude first: a position is `[x, y]` or `[x, y, z]` with
 * x = easting (m) or longitude (degrees), y = northing (m) or latitude (degrees), in the feature's
 * `crs` (or its collection's). z is an orthometric height in metres above the 1985 national height
 * datum (1985国家高程基准) unless the CRS says otherwise. Unlike RFC 7946, projected CRSs are allowed.
 */
import { z } from 'zod';

/** `[x, y]` or `[x, y, z]`: easting/longitude first; z metres, 1985 national height datum. */
export const PositionSchema = z
  .tuple([z.number(), z.number(), z.number().optional()])
  .describe('position [x, y] or [x, y, z]: easting/longitude first; z in m (1985 national height datum)');
export type Position = z.infer<typeof PositionSchema>;

/** `[x, y, z]`, all three required (same axis order and datum as Position). */
export const Position3Schema = z.tuple([z.number(), z.number(), z.number()]);
export type Position3 = z.infer<typeof Position3Schema>;

/** A closed ring: at least four positions, the last equal to the first (RFC 7946 §3.1.6). */
const LinearRingSchema = z
  .array(PositionSchema)
  .min(4)
  .superRefine((ring, ctx) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1] || (first[2] ?? 0) !== (last[2] ?? 0))) {
      ctx.addIssue({ code: 'custom', message: 'expected a closed ring (last position equal to the first)', input: ring });
    }
  });

/** RFC 7946 §5 bounding box: [minX, minY, maxX, maxY] or with z, [minX, minY, minZ, maxX, maxY, maxZ]. */
const BboxSchema = z
  .array(z.number())
  .refine((b) => b.length === 4 || b.length === 6, { message: 'expected a bbox of 4 or 6 numbers' })
  .optional();

export const PointSchema = z.strictObject({ type: z.literal('Point'), coordinates: PositionSchema, bbox: BboxSchema });
export const LineStringSchema = z.strictObject({
  type: z.literal('LineString'),
  bbox: BboxSchema,
  coordinates: z.array(PositionSchema).min(2),
});
export const MultiLineStringSchema = z.strictObject({
  type: z.literal('MultiLineString'),
  bbox: BboxSchema,
  coordinates: z.array(z.array(PositionSchema).min(2)).min(1),
});
export const PolygonSchema = z.strictObject({
  type: z.literal('Polygon'),
  bbox: BboxSchema,
  coordinates: z.array(LinearRingSchema).min(1),
});
export const MultiPolygonSchema = z.strictObject({
  type: z.literal('MultiPolygon'),
  bbox: BboxSchema,
  coordinates: z.array(z.array(LinearRingSchema).min(1)).min(1),
});

export type Point = z.infer<typeof PointSchema>;
export type LineString = z.infer<typeof LineStringSchema>;
export type MultiLineString = z.infer<typeof MultiLineStringSchema>;
export type Polygon = z.infer<typeof PolygonSchema>;
export type MultiPolygon = z.infer<typeof MultiPolygonSchema>;

export const AreaGeometrySchema = z.discriminatedUnion('type', [PolygonSchema, MultiPolygonSchema]);
export const LinearGeometrySchema = z.discriminatedUnion('type', [LineStringSchema, MultiLineStringSchema]);
export const GeometrySchema = z.discriminatedUnion('type', [
  PointSchema, LineStringSchema, MultiLineStringSchema, PolygonSchema, MultiPolygonSchema,
]);
export type Geometry = z.infer<typeof GeometrySchema>;

/** `[minX, minY, maxX, maxY]` in the feature's CRS, easting/longitude first. */
export const ExtentSchema = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .refine(([minX, minY, maxX, maxY]) => minX < maxX && minY < maxY, {
    message: 'expected [minX, minY, maxX, maxY] with minX < maxX and minY < maxY',
  })
  .describe('extent [minX, minY, maxX, maxY] in the feature CRS, easting/longitude first');
export type Extent = z.infer<typeof ExtentSchema>;
