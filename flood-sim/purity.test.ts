/**
 * The core must run unchanged in a browser Web Worker: nothing reachable through static imports from the
 * browser entry points may import a Node built-in (Node adapters import them lazily, inside functions).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Static import specifiers of a file, followed through relative imports. */
function staticImports(entry: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(entry)) return seen;
  const text = readFileSync(entry, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const bare = [...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  seen.set(entry, [...specs, ...bare]);
  for (const s of [...specs, ...bare]) if (s.startsWith('.') && !s.endsWith('.json')) staticImports(path.resolve(path.dirname(entry), s), seen);
  return seen;
}

describe('browser-safe core', () => {
  for (const entry of ['worker/web-worker.ts', 'simulate.ts', 'model.ts', 'replay/replay.ts', 'index.ts']) {
    it(`${entry} reaches no Node built-in through static imports`, () => {
      const graph = staticImports(path.join(here, entry));
      expect(graph.size).toBeGreaterThan(1);
      const offenders = [...graph].flatMap(([file, specs]) => specs.filter((s) => s.startsWith('node:') || ['fs', 'path', 'worker_threads', 'os'].includes(s)).map((s) => `${path.relative(here, file)} → ${s}`));
      expect(offenders).toEqual([]);
    });
  }
});
