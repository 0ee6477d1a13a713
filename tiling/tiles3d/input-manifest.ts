/**
 * The manifest written beside a tileset (`cimflow-manifest.json`): for each output, the hash of
 * the inputs and options it was made from and what the tileset JSON needs from it (bounds,
 * counts). A re-run into the same folder skips outputs whose input hash is unchanged and whose
 * file is still there.
 */
import { createHash, type Hash } from 'node:crypto';
import type { CimFeature } from '../../cim-model/index.ts';
import type { GeoMesh } from '../core/index.ts';
import type { TilesetTarget } from './tileset-target.ts';

export const MANIFEST_PATH = 'cimflow-manifest.json';
/** Bump when the writer's output for the same input changes. */
export const WRITER_VERSION = 1;

export interface ManifestEntry {
  key: string;
  /** Whatever the writer needs to rebuild its tileset JSON without redoing the output. */
  record: unknown;
}

export class InputManifest {
  private readonly previous: Map<string, ManifestEntry>;
  private readonly current = new Map<string, ManifestEntry>();

  private constructor(previous: Map<string, ManifestEntry>) {
    this.previous = previous;
  }

  /** The manifest of the target's previous run (empty when there is none or it is unreadable). */
  static async load(target: TilesetTarget): Promise<InputManifest> {
    const bytes = await target.previous(MANIFEST_PATH);
    let entries: Record<string, ManifestEntry> = {};
    try {
      const json = bytes ? JSON.parse(new TextDecoder().decode(bytes)) as { version?: number; entries?: Record<string, ManifestEntry> } : undefined;
      if (json?.version === WRITER_VERSION && json.entries) entries = json.entries;
    } catch {
      entries = {};
    }
    return new InputManifest(new Map(Object.entries(entries)));
  }

  /** The previous record of `path` when its key is unchanged and the target still holds the file. */
  async reuse<T>(target: TilesetTarget, path: string, key: string): Promise<T | undefined> {
    const entry = this.previous.get(path);
    if (!entry || entry.key !== key || !(await target.keeps(path))) return undefined;
    this.current.set(path, entry);
    return entry.record as T;
  }

  set(path: string, key: string, record: unknown): void {
    this.current.set(path, { key, record });
  }

  bytes(): Uint8Array {
    const entries = Object.fromEntries([...this.current].sort(([a], [b]) => a.localeCompare(b)));
    return new TextEncoder().encode(`${JSON.stringify({ version: WRITER_VERSION, entries }, null, 1)}\n`);
  }
}

function update(hash: Hash, array: ArrayBufferView | undefined): void {
  if (!array) {
    hash.update('-');
    return;
  }
  hash.update(`${array.byteLength}:`);
  hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

/** A hash of meshes (every array, the material and texture bytes), features and options. */
export function inputKey(meshes: readonly GeoMesh[], features: readonly CimFeature[], options: unknown): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ WRITER_VERSION, options }));
  for (const mesh of meshes) {
    update(hash, mesh.positions);
    update(hash, mesh.indices);
    update(hash, mesh.normals);
    update(hash, mesh.texcoords);
    update(hash, mesh.colors);
    update(hash, mesh.featureIds);
    const { texture, ...material } = mesh.material;
    hash.update(JSON.stringify(material));
    update(hash, texture?.data);
  }
  hash.update(JSON.stringify(features));
  return hash.digest('hex');
}
