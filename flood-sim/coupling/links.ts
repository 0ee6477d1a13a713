/**
 * Which 2D cell each 1D node exchanges with: manholes and inlets by their [COORDINATES] (or explicit
 * points), river nodes over a bank weir, outfalls into the cell they discharge on. Pure: a parsed network
 * and the 2D grid in, flat arrays out. Errors name the scenario field or the `.inp` node.
 */
import { FloodInputError } from '../raster.ts';
import type { SwmmNetwork } from '../network/network.ts';

/** The 2D grid as the coupling sees it (a FloodModel satisfies it); coordinates in the DEM's CRS (m). */
export interface SurfaceGrid {
  nx: number;
  ny: number;
  dx: number;
  x0: number;
  y0: number;
  z: Float32Array;
  open: Float32Array;
}

/** One explicit link of the scenario. */
export interface LinkSpec {
  node: string;
  /** Point of the opening (m, DEM CRS); defaults to the node's [COORDINATES]. */
  x?: number;
  y?: number;
  /** inlet: manhole or gully (weir/orifice); bank: lateral weir of a river node (no orifice limit). */
  kind?: 'inlet' | 'bank';
  /** Inlet: diameter (m) of the opening; bank: weir length (m). */
  diameter?: number;
  length?: number;
}

export interface LinkOptions {
  /** 'auto': every junction with coordinates on the grid; or an explicit list. */
  links: 'auto' | LinkSpec[];
  /** Default opening diameter (m) of inlets. */
  diameter: number;
  /** 'surface': outfalls on the grid discharge into their cell and feel its water level; 'own': their own boundary. */
  outfalls: 'surface' | 'own';
  /** 'surface': a linked node's rim moves to its cell's ground (not below its crown); 'network': the file's rims. */
  rims: 'surface' | 'network';
}

export const LINK_DEFAULTS: LinkOptions = { links: 'auto', diameter: 1, outfalls: 'surface', rims: 'surface' };

export interface ResolvedLinks {
  /** Per link: network node, 2D cell, crest (m), weir length (m), orifice area (m², Infinity for banks). */
  node: Int32Array;
  /**
   * A bank cell between two river nodes: the second node (-1 for a node's own link) and its share, by which
   * the river level is interpolated between the nodes and the exchange split between them.
   */
  node2: Int32Array;
  share2: Float64Array;
  cell: Int32Array;
  crest: Float64Array;
  perimeter: Float64Array;
  area: Float64Array;
  bank: Uint8Array;
  /** Outfalls discharging into the surface: node and cell. */
  outfallNode: Int32Array;
  outfallCell: Int32Array;
}

const FT_TO_M = 0.3048;
/** How far (cells) to look for an open cell when a node falls on a building or outside the DEM. */
const SEARCH_RADIUS = 3;

/** [COORDINATES] of the network's nodes (file units: the map's, here metres in the DEM's CRS). */
export function nodeCoordinates(nw: SwmmNetwork): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const sec of nw.model.raw) {
    if (sec.name.toUpperCase() !== 'COORDINATES') continue;
    for (const row of sec.rows) {
      const [id, xs, ys] = row.tokens;
      const x = Number(xs), y = Number(ys);
      if (id && Number.isFinite(x) && Number.isFinite(y)) out.set(id.toUpperCase(), [x, y]);
    }
  }
  return out;
}

/** The open cell containing (x, y), else the nearest open cell within SEARCH_RADIUS; -1 when none. */
export function openCellNear(g: SurfaceGrid, x: number, y: number): number {
  const i0 = Math.floor((x - g.x0) / g.dx), j0 = Math.floor((g.y0 - y) / g.dx);
  let best = -1, bestD = Infinity;
  for (let r = 0; r <= SEARCH_RADIUS && best < 0; r++) {
    for (let j = j0 - r; j <= j0 + r; j++) {
      for (let i = i0 - r; i <= i0 + r; i++) {
        if (i < 0 || j < 0 || i >= g.nx || j >= g.ny) continue;
        const c = i + j * g.nx;
        if (g.open[c] === 0) continue;
        const d = Math.hypot(g.x0 + (i + 0.5) * g.dx - x, g.y0 - (j + 0.5) * g.dx - y);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
    }
  }
  return best;
}

/** Is every conduit at node n an open channel (a river node)? Also returns half their total length (ft). */
function riverNode(nw: SwmmNetwork, n: number): { river: boolean; halfLength: number } {
  const { net } = nw;
  let count = 0, open = 0, length = 0;
  for (let k = 0; k < net.linkIds.length; k++) {
    if (net.node1[k] !== n && net.node2[k] !== n) continue;
    if (net.linkType[k] !== 0) continue;
    count++;
    if (net.xsect[k].isOpen) {
      open++;
      length += net.length[k];
    }
  }
  return { river: count > 0 && open === count, halfLength: length / 2 };
}

/** Resolve the links of a network to the grid; `field` names the scenario field in errors. */
export function resolveLinks(nw: SwmmNetwork, g: SurfaceGrid, o: LinkOptions, field = 'drainage'): ResolvedLinks {
  const coords = nodeCoordinates(nw);
  const node: number[] = [], cell: number[] = [], crest: number[] = [], perimeter: number[] = [], area: number[] = [], bank: number[] = [];
  const node2: number[] = [], share2: number[] = [];
  const add = (n: number, c: number, spec: LinkSpec | undefined) => {
    node2.push(-1);
    share2.push(0);
    const river = riverNode(nw, n);
    const isBank = spec?.kind ? spec.kind === 'bank' : river.river;
    node.push(n);
    cell.push(c);
    // The opening's crest: the ground of its cell, where the surface water meets it (on a coarse grid the
    // file's rim may lie above or below the cell's ground); never below the node's highest crown.
    crest.push(o.rims === 'surface' ? Math.max(g.z[c], nw.crownSI(n)) : Math.max(nw.rimSI(n), g.z[c]));
    if (isBank) {
      // auto: both banks across the node's own cell (its reaches' cells have their own links); listed: half its reaches
      perimeter.push(spec?.length ?? (o.links === 'auto' ? 2 * g.dx : Math.max(river.halfLength * FT_TO_M, g.dx)));
      area.push(Infinity);
    } else {
      const d = spec?.diameter ?? o.diameter;
      perimeter.push(Math.PI * d);
      area.push((Math.PI * d * d) / 4);
    }
    bank.push(isBank ? 1 : 0);
  };
  if (o.links === 'auto') {
    nw.net.nodeIds.forEach((id, n) => {
      if (nw.nodeTypeOf(n) === 1) return;
      const p = coords.get(id.toUpperCase());
      if (!p) return;
      const c = openCellNear(g, p[0], p[1]);
      if (c >= 0) add(n, c, undefined);
    });
    // Bank cells along each open channel whose end nodes are both river banks: the straight line between the
    // nodes, each cell once, a lateral weir over both banks of the reach's length in the cell.
    const bankCell = new Map<number, number>();
    for (let k = 0; k < node.length; k++) if (bank[k]) bankCell.set(node[k], cell[k]);
    const { net } = nw;
    for (let k = 0; k < net.linkIds.length; k++) {
      if (net.linkType[k] !== 0 || !net.xsect[k].isOpen) continue;
      const n1 = net.node1[k], n2 = net.node2[k];
      const c1 = bankCell.get(n1), c2 = bankCell.get(n2);
      if (c1 === undefined || c2 === undefined) continue;
      const p1 = coords.get(net.nodeIds[n1].toUpperCase())!, p2 = coords.get(net.nodeIds[n2].toUpperCase())!;
      const length = Math.hypot(p2[0] - p1[0], p2[1] - p1[1]);
      const steps = Math.max(1, Math.ceil((4 * length) / g.dx));
      const cells: number[] = [], at: number[] = [];
      for (let q = 0; q <= steps; q++) {
        const w = q / steps;
        const c = openCellNear(g, p1[0] + w * (p2[0] - p1[0]), p1[1] + w * (p2[1] - p1[1]));
        if (c < 0 || c === c1 || c === c2 || cells.includes(c)) continue;
        cells.push(c);
        at.push(w);
      }
      const top1 = nw.crownSI(n1), top2 = nw.crownSI(n2);
      cells.forEach((c, m) => {
        const w = at[m];
        node.push(n1);
        node2.push(n2);
        share2.push(w);
        cell.push(c);
        crest.push(Math.max(g.z[c], (1 - w) * top1 + w * top2));
        perimeter.push((2 * length) / (cells.length + 1));
        area.push(Infinity);
        bank.push(1);
      });
    }
  } else {
    const seen = new Set<number>();
    o.links.forEach((spec, k) => {
      const where = `${field}.links.${k}`;
      const n = nw.nodeIndex(spec.node);
      if (n < 0) throw new FloodInputError(`${where}.node`, `no node '${spec.node}' in ${nw.model.file}`);
      if (nw.nodeTypeOf(n) === 1) throw new FloodInputError(`${where}.node`, `'${spec.node}' is an outfall; outfalls follow ${field}.outfalls`);
      if (seen.has(n)) throw new FloodInputError(`${where}.node`, `node '${spec.node}' is linked twice`);
      seen.add(n);
      const p = spec.x !== undefined && spec.y !== undefined ? [spec.x, spec.y] : coords.get(spec.node.toUpperCase());
      if (!p) throw new FloodInputError(where, `give x and y: node '${spec.node}' has no [COORDINATES] in ${nw.model.file}`);
      const c = openCellNear(g, p[0], p[1]);
      if (c < 0) throw new FloodInputError(where, `point (${p[0]}, ${p[1]}) of node '${spec.node}' is not on an open cell of the DEM`);
      add(n, c, spec);
    });
  }
  const outfallNode: number[] = [], outfallCell: number[] = [];
  if (o.outfalls === 'surface') {
    nw.net.nodeIds.forEach((id, n) => {
      if (nw.nodeTypeOf(n) !== 1) return;
      const p = coords.get(id.toUpperCase());
      const c = p ? openCellNear(g, p[0], p[1]) : -1;
      if (c < 0) return;
      outfallNode.push(n);
      outfallCell.push(c);
    });
  }
  return {
    node: Int32Array.from(node), node2: Int32Array.from(node2), share2: Float64Array.from(share2), cell: Int32Array.from(cell), crest: Float64Array.from(crest),
    perimeter: Float64Array.from(perimeter), area: Float64Array.from(area), bank: Uint8Array.from(bank),
    outfallNode: Int32Array.from(outfallNode), outfallCell: Int32Array.from(outfallCell),
  };
}
