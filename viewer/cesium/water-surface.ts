/**
 * Replay water drawn in 3D: each depth frame becomes a translucent triangle mesh over the wet cells
 * (water/water-mesh.ts) whose vertices stand `depth` metres above the terrain, coloured by depth with
 * the legend's classes. The grid corners (EPSG:4544 metres → lon/lat) are placed once on the terrain
 * the viewer draws (its finest tiles), so the water lies on the ground between the buildings; a frame
 * only moves vertices up the ellipsoid normal. One Primitive per frame, built synchronously. Grids
 * larger than `maxSide` cells a side are drawn from block means (water-mesh.ts blockMean).
 */
import {
  BoundingSphere, Cartesian3, Cartographic, ComponentDatatype, Ellipsoid, Geometry, GeometryAttribute, GeometryInstance,
  PerInstanceColorAppearance, Primitive, PrimitiveType, sampleTerrainMostDetailed, type Viewer,
} from 'cesium';
import { createTransform } from '../../cim-model/index.ts';
import type { ReplayHeader } from '../../flood-sim/index.ts';
import { blockMean, WaterMeshBuilder, type WaterMeshOptions } from '../water/water-mesh.ts';

type GridHeader = Pick<ReplayHeader, 'crs' | 'nx' | 'ny' | 'cellSize' | 'originX' | 'originY'>;

export const WATER_SURFACE_DEFAULTS = { maxSide: 256 } as const;

export class WaterSurface {
  private primitive: Primitive | undefined;
  private visible = true;
  /** Wet cells of the last frame drawn. */
  wetCells = 0;

  private constructor(
    private readonly viewer: Viewer, private readonly builder: WaterMeshBuilder, private readonly options: WaterMeshOptions,
    /** Cells per drawn cell along each axis, and the scratch grid of block means when it is above 1. */
    private readonly block: { size: number; nx: number; ny: number; means: Float32Array },
  ) {}

  /** Places the grid's corners on the viewer's terrain (ellipsoid heights where it has none). */
  static async create(viewer: Viewer, h: GridHeader, options: WaterMeshOptions, maxSide: number = WATER_SURFACE_DEFAULTS.maxSide): Promise<WaterSurface> {
    const toGeo = createTransform(h.crs, 'EPSG:4326');
    const size = Math.max(1, Math.ceil(Math.max(h.nx, h.ny) / maxSide));
    const nx = Math.ceil(h.nx / size), ny = Math.ceil(h.ny / size);
    const cw = nx + 1, n = cw * (ny + 1);
    const points: Cartographic[] = new Array(n);
    for (let j = 0; j <= ny; j++) for (let i = 0; i < cw; i++) {
      // Corner (i, j) of the drawn grid; the last block east and south may be partial.
      const [lon, lat] = toGeo.forward([h.originX + Math.min(i * size, h.nx) * h.cellSize, h.originY - Math.min(j * size, h.ny) * h.cellSize]);
      points[i + j * cw] = Cartographic.fromDegrees(lon, lat, 0);
    }
    if (viewer.terrainProvider.availability) await sampleTerrainMostDetailed(viewer.terrainProvider, points);
    const ground = new Float64Array(3 * n), up = new Float64Array(3 * n);
    const p = new Cartesian3(), u = new Cartesian3();
    for (let c = 0; c < n; c++) {
      Cartographic.toCartesian(points[c], Ellipsoid.WGS84, p);
      Ellipsoid.WGS84.geodeticSurfaceNormal(p, u);
      ground[3 * c] = p.x; ground[3 * c + 1] = p.y; ground[3 * c + 2] = p.z;
      up[3 * c] = u.x; up[3 * c + 1] = u.y; up[3 * c + 2] = u.z;
    }
    const block = { size, nx: h.nx, ny: h.ny, means: new Float32Array(size > 1 ? nx * ny : 0) };
    return new WaterSurface(viewer, new WaterMeshBuilder({ nx, ny, ground, up }), options, block);
  }

  /** Draws a depth frame (m, nx × ny, row 0 north); an empty array clears the water. */
  draw(depth: ArrayLike<number>): void {
    const scene = this.viewer.scene;
    if (this.primitive) scene.primitives.remove(this.primitive);
    this.primitive = undefined;
    const { size, nx, ny, means } = this.block;
    if (depth.length && size > 1) blockMean(depth, nx, ny, size, means);
    const mesh = depth.length ? this.builder.build(size > 1 ? means : depth, this.options) : undefined;
    this.wetCells = mesh?.wetCells ?? 0;
    if (mesh && mesh.wetCells > 0) {
      const geometry = new Geometry({
        attributes: {
          position: new GeometryAttribute({ componentDatatype: ComponentDatatype.DOUBLE, componentsPerAttribute: 3, values: mesh.positions }),
          // A per-vertex colour: PerInstanceColorAppearance reads the `color` attribute.
          color: new GeometryAttribute({ componentDatatype: ComponentDatatype.UNSIGNED_BYTE, componentsPerAttribute: 4, normalize: true, values: mesh.colors }),
        } as unknown as ConstructorParameters<typeof Geometry>[0]['attributes'],
        indices: mesh.indices,
        primitiveType: PrimitiveType.TRIANGLES,
        boundingSphere: BoundingSphere.fromVertices(mesh.positions as unknown as number[]),
      });
      this.primitive = scene.primitives.add(new Primitive({
        geometryInstances: new GeometryInstance({ geometry }),
        appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }),
        asynchronous: false,
        allowPicking: false,
        compressVertices: false,
        show: this.visible,
      }));
    }
    scene.requestRender();
  }

  set show(v: boolean) {
    this.visible = v;
    if (this.primitive) this.primitive.show = v;
    this.viewer.scene.requestRender();
  }

  destroy(): void {
    if (this.primitive) this.viewer.scene.primitives.remove(this.primitive);
    this.primitive = undefined;
  }
}
