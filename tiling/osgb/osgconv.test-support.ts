/**
 * Test support: runs the OpenSceneGraph `osgconv` tool (Debian package openscenegraph) as an
 * independent oracle when it is on PATH. Tests that use it also assert without it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let available: boolean | undefined;

export function hasOsgconv(): boolean {
  if (available === undefined) {
    const r = spawnSync('osgconv', ['--help'], { encoding: 'utf8', timeout: 10_000 });
    available = !r.error;
  }
  return available;
}

/** Converts `input` (bytes, written to a temp file with extension `ext`) to `outExt` and returns the output bytes. */
export function osgconv(input: Uint8Array, outExt: string, extraArgs: string[] = [], ext = 'osgb'): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'osgconv-'));
  const src = path.join(dir, `in.${ext}`);
  const dst = path.join(dir, `out.${outExt}`);
  writeFileSync(src, input);
  const r = spawnSync('osgconv', [...extraArgs, src, dst], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`osgconv failed (${r.status}): ${r.stderr || r.stdout}`);
  return new Uint8Array(readFileSync(dst));
}
