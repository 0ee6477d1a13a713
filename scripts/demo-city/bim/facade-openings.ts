// Windows and doors along a wall, in the wall's own axis: `centre` is metres from the wall start, `sill` metres above
// the storey's floor level. Codes follow Chinese drawing practice: C = 窗 window, M = 门 door, then width and height
// in decimetres (GB/T 50104-2010 制图标准 usage, e.g. C1815 = 1.8 m × 1.5 m).

export interface WallOpening {
  kind: 'window' | 'door';
  centre: number;
  sill: number;
  width: number;
  height: number;
  /** Type code, e.g. 'C1815', 'M1021'. */
  code: string;
}

export interface FacadeOptions {
  windowWidth: number;
  windowBay: number;
  sillHeight: number;
  headroomAboveWindow: number;
  /** Clear distance kept from each wall end (m): more than the wall thickness so openings avoid the mitred corners. */
  cornerMargin: number;
  /** Clear distance kept from the axis of an interior wall meeting this wall (m). */
  junctionClearance: number;
}

export interface FacadeLayout {
  /** Positions along the wall (m from its start) where interior walls meet it; windows stay clear of them. */
  junctions?: readonly number[];
  /** Main entrance door, placed in the room bay nearest the middle of the wall. */
  entrance?: { width: number; height: number };
}

/** Window heights are clamped to a believable range, m. */
const WINDOW_HEIGHT_RANGE = [1.2, 2.4] as const;
/** Clear wall kept between an entrance door and the nearest window, m. */
const DOOR_CLEARANCE = 0.5;

export function openingCode(kind: WallOpening['kind'], width: number, height: number): string {
  const dm = (metres: number): string => String(Math.round(metres * 10)).padStart(2, '0');
  return `${kind === 'window' ? 'C' : 'M'}${dm(width)}${dm(height)}`;
}

/** A door of the given size (m) centred at `centre` (m along the wall). */
export function door(centre: number, width: number, height: number): WallOpening {
  return { kind: 'door', centre, sill: 0, width, height, code: openingCode('door', width, height) };
}

/**
 * Openings of an exterior wall `length` m long in a storey `storeyHeight` m high: the wall is split into bays at the
 * interior-wall junctions, each bay gets windows at `windowBay` spacing centred in it, and the entrance (if any) goes
 * in the middle of the bay nearest the wall's middle, displacing the windows that would crowd it.
 */
export function facadeOpenings(
  length: number,
  storeyHeight: number,
  options: FacadeOptions,
  { junctions = [], entrance }: FacadeLayout = {},
): WallOpening[] {
  const { windowWidth, windowBay, sillHeight, headroomAboveWindow, cornerMargin, junctionClearance } = options;
  const height = Math.min(
    WINDOW_HEIGHT_RANGE[1],
    Math.max(WINDOW_HEIGHT_RANGE[0], storeyHeight - sillHeight - headroomAboveWindow),
  );
  const cuts = [...new Set(junctions)].filter((j) => j > cornerMargin && j < length - cornerMargin).sort((a, b) => a - b);
  const edges = [0, ...cuts, length];
  const bays = edges.slice(1).map((end, i) => ({
    start: edges[i] + (i === 0 ? cornerMargin : junctionClearance),
    end: end - (i === edges.length - 2 ? cornerMargin : junctionClearance),
  }));

  let entranceDoor: WallOpening | null = null;
  if (entrance) {
    const fitting = bays.filter((b) => b.end - b.start >= entrance.width);
    const distanceToMiddle = (b: { start: number; end: number }): number => Math.abs((b.start + b.end) / 2 - length / 2);
    const bay = fitting.reduce<(typeof bays)[number] | null>((best, b) => (!best || distanceToMiddle(b) < distanceToMiddle(best) ? b : best), null);
    entranceDoor = door(bay ? (bay.start + bay.end) / 2 : length / 2, entrance.width, entrance.height);
  }

  const openings: WallOpening[] = [];
  for (const { start, end } of bays) {
    const usable = end - start;
    const count = usable < windowWidth ? 0 : Math.max(1, Math.floor(usable / windowBay));
    for (let i = 0; i < count; i++) {
      const centre = (start + end) / 2 + (i - (count - 1) / 2) * windowBay;
      if (entranceDoor && Math.abs(centre - entranceDoor.centre) < (windowWidth + entranceDoor.width) / 2 + DOOR_CLEARANCE) continue;
      openings.push({ kind: 'window', centre, sill: sillHeight, width: windowWidth, height, code: openingCode('window', windowWidth, height) });
    }
  }
  return entranceDoor ? [...openings, entranceDoor] : openings;
}
