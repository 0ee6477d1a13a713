/**
 * The contracts between the server's parts and the viewer: who may do what, and the JSON the
 * HTTP and WebSocket endpoints exchange. Types only — the one place both sides read.
 *
 * Endpoints (all JSON unless noted):
 *   GET  /api/config                      → ViewerConfig
 *   GET  /api/health                      → { ok: true, version }
 *   GET  /api/whoami                      → Principal (or 401 without a token in private mode)
 *   GET  /api/projects[?status=approved]  → BimProjectSummary[]
 *   POST /api/projects/:id/status         ← StatusChangeRequest (construction-bureau, admin) → BimProjectSummary
 *   GET  /api/projects/:id/audit          → AuditEntry[]
 *   GET  /api/scenarios                   → ScenarioSummary[]
 *   POST /api/scenarios                   ← ScenarioRequest (flood-command, admin) → ScenarioSummary
 *   POST /api/scenarios/:id/cancel        (flood-command, admin) → ScenarioSummary
 *   GET  /api/scenarios/:id               → ScenarioSummary (with results when done)
 *   GET  /replays/:id/replay.cfr|.cfi     the flood-sim replay data and index files (binary, range requests)
 *   GET  /tiles/…  /terrain/…  /imagery/… static model files (caching, ranges, compression)
 *   /v1.1/…                                OGC SensorThings API v1.1
 *   WS   /ws/live                          LiveMessage stream (sensors, alarms)
 *   WS   /ws/scenarios                     ScenarioProgress stream
 * Writes need `Authorization: Bearer <token>`: 401 without or with an unknown token, 403 with a
 * token whose role may not do it. In public demo mode reads need no token; writes still do.
 */

export const ROLES = ['planner', 'flood-command', 'construction-bureau', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who made a request. Devices may write observations only to their own datastreams. */
export type Principal =
  | { kind: 'user'; name: string; role: Role }
  | { kind: 'device'; name: string; datastreams: number[] }
  | { kind: 'anonymous' };

/** Resolves a request's bearer token; implemented by server/auth, used by every route. */
export interface Authenticator {
  /** undefined when a token was given but is unknown (→ 401). */
  principalFor(authorizationHeader: string | undefined): Principal | undefined;
}

/** What the viewer loads at start. URLs are relative to the server's origin. */
export interface ViewerConfig {
  title: string;
  /** Root CIM tileset (3D Tiles 1.1), or null when none is built yet. */
  tileset: string | null;
  /** Cesium quantized-mesh terrain folder (has layer.json), or null. */
  terrain: string | null;
  imagery: { url: string; bounds: [number, number, number, number]; minLevel: number; maxLevel: number } | null;
  /** Where the camera starts: longitude, latitude (degrees), height (m, ellipsoidal), heading/pitch (degrees). */
  home: { lon: number; lat: number; height: number; heading: number; pitch: number };
  /** The model's CRS and vertical datum, for display of coordinates. */
  crs: string;
  geoidOffset: number;
  sensorThings: string;
  publicReadOnly: boolean;
}

export type BimStatus = 'submitted' | 'under-review' | 'approved' | 'rejected';

export interface BimProjectSummary {
  id: string;
  name: string;
  permitNumber: string;
  status: BimStatus;
  submittedDate: string;
  reviewedDate?: string;
  decidedDate?: string;
  parcelId: string;
  developer?: string;
  /** Longitude, latitude (degrees) and ellipsoidal height (m) of the project origin, for fly-to. */
  location?: { lon: number; lat: number; height: number };
  /** The layer id of its tileset in the root CIM tileset. */
  layer?: string;
}

export interface StatusChangeRequest {
  status: BimStatus;
  /** Required: why (recorded in the audit log). */
  reason: string;
}

export interface AuditEntry {
  at: string;
  who: string;
  role: Role;
  projectId: string;
  from: BimStatus;
  to: BimStatus;
  reason: string;
}

export type ScenarioRequest =
  | { name: string; kind: 'design-storm'; returnPeriod: number; duration: number; peak?: number; preset?: string; simDuration?: number }
  | { name: string; kind: 'gauge-rain'; gauges: Array<{ name?: string; x: number; y: number; hyetograph: Array<[number, number]> }>; simDuration?: number }
  | { name: string; kind: 'river-inflow'; inflows: Array<{ name?: string; line: Array<[number, number]>; hydrograph: Array<[number, number]> }>; simDuration?: number };

export type ScenarioState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface ScenarioSummary {
  id: string;
  name: string;
  request: ScenarioRequest;
  state: ScenarioState;
  /** 0..1 */
  progress: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
  results?: {
    replay: string;
    frames: number;
    maxDepth: number;
    /** Volume balance, m³ and relative error. */
    balance: Record<string, number>;
    /** Buildings reached by water deeper than 0.15 m, by feature id. */
    affectedBuildings: string[];
    floodedAreaM2: number;
  };
}

export interface ScenarioProgress {
  type: 'scenario';
  id: string;
  state: ScenarioState;
  progress: number;
  simTime?: number;
  message?: string;
}

/** Messages on /ws/live. `seq` increases by one per message per connection; a client that sees a gap sends `resync`. */
export type LiveMessage =
  | { type: 'hello'; seq: number; serverTime: string }
  | { type: 'observations'; seq: number; items: Array<{ datastream: number; sensor?: string; kind?: string; time: string; value: number; alarm?: AlarmLevel }> }
  | { type: 'alarm'; seq: number; alarm: AlarmEvent }
  | { type: 'snapshot'; seq: number; latest: Array<{ datastream: number; time: string; value: number; alarm?: AlarmLevel }> };

/** Client → server on /ws/live. */
export type LiveRequest =
  | { type: 'subscribe'; kinds?: string[]; bbox?: [number, number, number, number] }
  | { type: 'resync' };

export type AlarmLevel = 'normal' | 'warning' | 'alarm' | 'critical';

export interface AlarmEvent {
  id: number;
  datastream: number;
  sensor?: string;
  level: AlarmLevel;
  state: 'raised' | 'acknowledged' | 'cleared';
  value: number;
  threshold?: number;
  at: string;
  by?: string;
}

/**
 * What the demo sensor feed asks the scenario service: the simulated water depth (m) or level at a
 * point (EPSG:4544 metres) at a simulated time, so live sensors and the replay agree.
 */
export interface ScenarioProbe {
  /** The scenario whose replay drives the demo feed, or undefined. */
  activeScenario(): string | undefined;
  depthAt(x: number, y: number, simTime: number): number | undefined;
  /** Duration of the active scenario's replay, s. */
  duration(): number | undefined;
}
