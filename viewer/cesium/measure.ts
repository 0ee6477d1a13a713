/**
 * Measuring on the model: distance along clicked points, height difference between two points,
 * and the area of the clicked polygon (on the local tangent plane — exact enough for a town).
 */
import { Cartesian3, Cartographic, Color, EllipsoidTangentPlane, PolygonHierarchy, ScreenSpaceEventHandler, ScreenSpaceEventType, type Cartesian2, type Entity, type Viewer } from 'cesium';

export type MeasureMode = 'distance' | 'height' | 'area';

/** Shoelace area (m²) of points projected on the tangent plane at their first point. */
export function planarArea(points: Cartesian3[]): number {
  if (points.length < 3) return 0;
  const plane = EllipsoidTangentPlane.fromPoints(points);
  const p2 = plane.projectPointsOntoPlane(points);
  let a = 0;
  for (let i = 0; i < p2.length; i++) {
    const p = p2[i], q = p2[(i + 1) % p2.length];
    a += p.x * q.y - q.x * p.y;
  }
  return Math.abs(a) / 2;
}

export class MeasureTool {
  private readonly handler: ScreenSpaceEventHandler;
  private points: Cartesian3[] = [];
  private entities: Entity[] = [];

  constructor(private readonly viewer: Viewer, private readonly mode: MeasureMode, private readonly onResult: (text: string) => void) {
    this.handler = new ScreenSpaceEventHandler(viewer.scene.canvas);
    this.handler.setInputAction((e: { position: Cartesian2 }) => this.add(e.position), ScreenSpaceEventType.LEFT_CLICK);
  }

  private add(position: Cartesian2): void {
    const { scene } = this.viewer;
    const p = scene.pickPositionSupported ? scene.pickPosition(position) : undefined;
    if (!p) return;
    if (this.mode === 'height' && this.points.length === 2) this.points = [];
    this.points.push(p);
    this.redraw();
  }

  private redraw(): void {
    for (const e of this.entities) this.viewer.entities.remove(e);
    this.entities = [];
    const pts = this.points;
    const add = (e: Entity.ConstructorOptions) => this.entities.push(this.viewer.entities.add(e));
    for (const p of pts) add({ position: p, point: { pixelSize: 6, color: Color.YELLOW, disableDepthTestDistance: Number.POSITIVE_INFINITY } });
    let text = '';
    if (this.mode === 'distance' && pts.length > 1) {
      let d = 0;
      for (let i = 1; i < pts.length; i++) d += Cartesian3.distance(pts[i - 1], pts[i]);
      add({ polyline: { positions: pts, width: 2, material: Color.YELLOW, depthFailMaterial: Color.YELLOW.withAlpha(0.4) } });
      text = `${d.toFixed(2)} m`;
    } else if (this.mode === 'height' && pts.length === 2) {
      const [a, b] = pts.map((p) => Cartographic.fromCartesian(p));
      add({ polyline: { positions: pts, width: 2, material: Color.CYAN, depthFailMaterial: Color.CYAN.withAlpha(0.4) } });
      text = `Δh ${(b.height - a.height).toFixed(2)} m`;
    } else if (this.mode === 'area' && pts.length > 2) {
      add({ polygon: { hierarchy: new PolygonHierarchy(pts), material: Color.YELLOW.withAlpha(0.35), perPositionHeight: true } });
      text = `${planarArea(pts).toFixed(1)} m²`;
    }
    if (text) this.onResult(text);
    this.viewer.scene.requestRender();
  }

  destroy(): void {
    this.handler.destroy();
    for (const e of this.entities) this.viewer.entities.remove(e);
    this.viewer.scene.requestRender();
  }
}
