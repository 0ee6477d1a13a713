/**
 * A replay grid draped over the terrain as a translucent image: a GroundPrimitive (terrain only,
 * so water lies between the buildings, not on their walls) whose material image is a canvas
 * painted by grid-raster.ts. Two canvases alternate, because Cesium reloads a material image only
 * when the uniform's value changes identity.
 */
import { ClassificationType, EllipsoidSurfaceAppearance, GeometryInstance, GroundPrimitive, Material, Rectangle, RectangleGeometry, type Viewer } from 'cesium';
import { createTransform } from '../../cim-model/index.ts';
import type { ReplayHeader } from '../../flood-sim/index.ts';
import { fitLonLatToCell, paintGrid, type LonLatToCell, type RasterTarget } from '../water/grid-raster.ts';

export interface GridFrame {
  west: number;
  south: number;
  east: number;
  north: number;
  map: LonLatToCell;
}

/** The grid's lon/lat rectangle and the affine lon/lat → cell map (from its CRS, EPSG:4544 metres). */
export function gridFrame(h: Pick<ReplayHeader, 'crs' | 'nx' | 'ny' | 'cellSize' | 'originX' | 'originY'>): GridFrame {
  const toGeo = createTransform(h.crs, 'EPSG:4326');
  const corner = (i: number, j: number) => {
    const [lon, lat] = toGeo.forward([h.originX + i * h.cellSize, h.originY - j * h.cellSize]);
    return { lon, lat, col: i, row: j };
  };
  const pts = [corner(0, 0), corner(h.nx, 0), corner(0, h.ny), corner(h.nx, h.ny)];
  return {
    west: Math.min(...pts.map((p) => p.lon)), east: Math.max(...pts.map((p) => p.lon)),
    south: Math.min(...pts.map((p) => p.lat)), north: Math.max(...pts.map((p) => p.lat)),
    map: fitLonLatToCell([pts[0], pts[1], pts[2]]),
  };
}

export class WaterLayer {
  private readonly canvases: [HTMLCanvasElement, HTMLCanvasElement];
  private which = 0;
  private readonly target: RasterTarget;
  private readonly image: ImageData;
  private readonly material: Material;
  readonly primitive: GroundPrimitive;
  /** Cells painted by the last draw. */
  painted = 0;

  constructor(private readonly viewer: Viewer, readonly grid: GridFrame, width: number, height: number) {
    this.canvases = [document.createElement('canvas'), document.createElement('canvas')];
    for (const c of this.canvases) { c.width = width; c.height = height; }
    this.image = new ImageData(width, height);
    this.target = { width, height, rgba: this.image.data, ...grid };
    this.material = Material.fromType('Image', { image: this.canvases[0], color: { red: 1, green: 1, blue: 1, alpha: 1 } });
    this.primitive = viewer.scene.groundPrimitives.add(new GroundPrimitive({
      geometryInstances: new GeometryInstance({ geometry: new RectangleGeometry({ rectangle: Rectangle.fromDegrees(grid.west, grid.south, grid.east, grid.north) }) }),
      appearance: new EllipsoidSurfaceAppearance({ material: this.material, aboveGround: false }),
      classificationType: ClassificationType.TERRAIN,
      asynchronous: false,
      allowPicking: false,
    }));
  }

  draw(values: ArrayLike<number>, nx: number, ny: number, breaks: readonly number[], colors: ReadonlyArray<readonly [number, number, number, number]>): void {
    this.painted = paintGrid(values, nx, ny, this.grid.map, breaks, colors, this.target);
    this.which ^= 1;
    const canvas = this.canvases[this.which];
    canvas.getContext('2d')!.putImageData(this.image, 0, 0);
    this.material.uniforms.image = canvas;
    this.viewer.scene.requestRender();
  }

  set show(v: boolean) {
    this.primitive.show = v;
    this.viewer.scene.requestRender();
  }

  destroy(): void {
    this.viewer.scene.groundPrimitives.remove(this.primitive);
  }
}
