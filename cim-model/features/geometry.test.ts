import { describe, expect, it } from 'vitest';
import { ExtentSchema, GeometrySchema, PolygonSchema, PositionSchema } from './geometry.ts';

describe('geometry schemas', () => {
  it('accepts 2D and 3D positions, easting first, and rejects 1D and 4D ones', () => {
    expect(PositionSchema.parse([531000, 3381000])).toEqual([531000, 3381000]);
    expect(PositionSchema.parse([531000, 3381000, 21.5])).toEqual([531000, 3381000, 21.5]);
    expect(PositionSchema.safeParse([531000]).success).toBe(false);
    expect(PositionSchema.safeParse([1, 2, 3, 4]).success).toBe(false);
    expect(PositionSchema.safeParse([1, Number.NaN]).success).toBe(false);
  });

  it('requires closed rings of at least four positions, comparing z too', () => {
    const square = [[0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1], [0, 0, 1]];
    expect(PolygonSchema.safeParse({ type: 'Polygon', coordinates: [square] }).success).toBe(true);
    const zMismatch = [...square.slice(0, 4), [0, 0, 2]];
    expect(PolygonSchema.safeParse({ type: 'Polygon', coordinates: [zMismatch] }).success).toBe(false);
    expect(PolygonSchema.safeParse({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }).success).toBe(false);
  });

  it('discriminates geometry types and rejects unknown members', () => {
    expect(GeometrySchema.parse({ type: 'Point', coordinates: [1, 2] }).type).toBe('Point');
    expect(GeometrySchema.safeParse({ type: 'Point', coordinates: [1, 2], bbox: [1, 2, 1, 2] }).success).toBe(true);
    expect(GeometrySchema.safeParse({ type: 'Point', coordinates: [1, 2], bbox: [1, 2, 1] }).success).toBe(false);
    expect(GeometrySchema.safeParse({ type: 'Point', coordinates: [1, 2], crs: 'EPSG:4547' }).success).toBe(false);
    expect(GeometrySchema.safeParse({ type: 'GeometryCollection', geometries: [] }).success).toBe(false);
  });

  it('requires extents with min < max on both axes', () => {
    expect(ExtentSchema.safeParse([0, 0, 10, 10]).success).toBe(true);
    expect(ExtentSchema.safeParse([0, 10, 10, 0]).success).toBe(false);
  });
});
