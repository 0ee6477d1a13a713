// Description of one BIM project submitted to the construction bureau, validated at the boundary with zod.
// Coordinates: the project's local engineering CRS has its origin at the centre of the ground tier's footprint
// bounding box, at ±0.000 (finished ground-floor level); x, y, z in metres, z up.
import { z } from 'zod';

const positive = z.number().positive().finite();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ISO date YYYY-MM-DD');

/** Plan shapes of a tier, in metres. The outline is centred on its bounding box. */
export const footprintSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rectangle'), width: positive, depth: positive }),
  /** An L: a bar `width` × `barDepth` along local x at the bottom, and a wing `wingWidth` wide rising on the left to `depth`. */
  z
    .object({ kind: z.literal('l-shape'), width: positive, depth: positive, barDepth: positive, wingWidth: positive })
    .refine((f) => f.barDepth < f.depth && f.wingWidth < f.width, 'l-shape needs barDepth < depth and wingWidth < width'),
]);
export type Footprint = z.infer<typeof footprintSchema>;

/** A stack of identical storeys; tiers are stacked bottom up (e.g. podium, then tower). */
export const tierSchema = z.object({
  /** e.g. 'podium', 'tower', 'main'. */
  name: z.string().min(1),
  /** Room use written as the spaces' LongName, e.g. '社区活动室'. */
  use: z.string().min(1),
  footprint: footprintSchema,
  /** Centre of this tier's footprint bounding box relative to the ground tier's centre (local x, y, m). */
  offset: z.object({ x: z.number().finite(), y: z.number().finite() }).default({ x: 0, y: 0 }),
  storeys: z.number().int().min(1),
  /** Floor-to-floor height, m. */
  storeyHeight: positive,
});
export type Tier = z.output<typeof tierSchema>;

/** Dimensions of the construction, metres. */
export const constructionSchema = z.object({
  exteriorWallThickness: positive.default(0.3),
  interiorWallThickness: positive.default(0.2),
  slabThickness: positive.default(0.2),
  /** Target room width along a corridor. */
  roomBay: positive.default(7.2),
  corridorWidth: positive.default(2.4),
  /** Zones at least this deep get a central corridor with rooms on both sides. */
  corridorMinDepth: positive.default(13),
  windowWidth: positive.default(1.8),
  /** Centre-to-centre spacing of windows along a façade. */
  windowBay: positive.default(2.8),
  sillHeight: positive.default(0.9),
  /** Wall above a window head up to the next floor level (lintel + slab). */
  headroomAboveWindow: positive.default(0.6),
});
export type Construction = z.output<typeof constructionSchema>;

export const BIM_STATUSES = ['submitted', 'under-review', 'approved', 'rejected'] as const;
export type BimStatus = (typeof BIM_STATUSES)[number];

export const bimProjectSpecSchema = z
  .object({
    /** Project id, e.g. 'BIM-2026-001'. */
    id: z.string().regex(/^[A-Za-z0-9._-]+$/),
    /** Chinese project name, e.g. '合川滨江社区服务中心'. */
    name: z.string().min(1),
    nameEn: z.string().min(1).optional(),
    description: z.string().optional(),
    /** Building permit number (建设工程规划许可证号), e.g. '500117202600012'. */
    permitNumber: z.string().min(1),
    status: z.enum(BIM_STATUSES),
    /** ISO dates: submission, start of review, decision. */
    dates: z.object({ submitted: isoDate, reviewed: isoDate.optional(), decided: isoDate.optional() }),
    parcelId: z.string().min(1),
    /** Developer applying for the permit (建设单位) and the reviewing authority. */
    developer: z.string().min(1),
    authority: z.string().min(1).default('重庆市合川区住房和城乡建设委员会'),
    /** Pset_BuildingCommon.OccupancyType, e.g. 'community service'. */
    occupancyType: z.string().min(1),
    address: z
      .object({ line: z.string(), town: z.string(), region: z.string(), postalCode: z.string() })
      .optional(),
    /**
     * Local origin in EPSG:4544 (CGCS2000 / 3-degree Gauss-Kruger CM 105E): easting, northing (m) and orthometric
     * height on the 1985 national height datum (EPSG:5737, m).
     */
    origin: z.object({ easting: z.number().finite(), northing: z.number().finite(), height: z.number().finite() }),
    /** Rotation of the local x axis from grid east, counter-clockwise, degrees. */
    rotationDeg: z.number().finite(),
    tiers: z.array(tierSchema).min(1),
    construction: constructionSchema.default(constructionSchema.parse({})),
  })
  .superRefine((spec, ctx) => {
    const { status, dates } = spec;
    // ISO YYYY-MM-DD strings sort in date order.
    if (dates.reviewed && dates.reviewed < dates.submitted)
      ctx.addIssue({ code: 'custom', path: ['dates', 'reviewed'], message: `review cannot start before submission (${dates.submitted})` });
    if (dates.decided && dates.decided < (dates.reviewed ?? dates.submitted))
      ctx.addIssue({ code: 'custom', path: ['dates', 'decided'], message: 'decision cannot precede submission or review' });
    if ((status === 'approved' || status === 'rejected') && !dates.decided)
      ctx.addIssue({ code: 'custom', path: ['dates', 'decided'], message: `status '${status}' needs a decision date` });
    if (status === 'under-review' && !dates.reviewed)
      ctx.addIssue({ code: 'custom', path: ['dates', 'reviewed'], message: "status 'under-review' needs a review date" });
    if ((status === 'submitted' || status === 'under-review') && dates.decided)
      ctx.addIssue({ code: 'custom', path: ['dates', 'decided'], message: `status '${status}' cannot have a decision date` });
  });

/** What callers write (defaults optional). */
export type BimProjectSpec = z.input<typeof bimProjectSpecSchema>;
/** After validation, defaults filled in. */
export type ResolvedBimProjectSpec = z.output<typeof bimProjectSpecSchema>;
