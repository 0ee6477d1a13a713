/**
 * `tokens.json` in the data folder: the bearer tokens of the users (one per role, created on first start)
 * and of the devices (bound to the datastreams they may write). Written atomically (temporary file + rename)
 * with mode 0600, since whoever reads it can act as any role.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ROLES } from '../contracts.ts';

const TokenSchema = z.string().min(16, 'expected a token of at least 16 characters');

export const TokenFileSchema = z.object({
  users: z.array(z.object({ name: z.string().min(1), role: z.enum(ROLES), token: TokenSchema })),
  devices: z.array(z.object({ name: z.string().min(1), datastreams: z.array(z.number().int().nonnegative()), token: TokenSchema })).default([]),
});
export type TokenFile = z.infer<typeof TokenFileSchema>;

export const newToken = (): string => randomBytes(24).toString('base64url');

async function writeAtomically(file: string, tokens: TokenFile): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

/** Reads the token file, or creates it with one new token per role; `created` tells which happened. */
export async function loadOrCreateTokenFile(file: string): Promise<{ tokens: TokenFile; created: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const tokens: TokenFile = { users: ROLES.map((role) => ({ name: role, role, token: newToken() })), devices: [] };
    await writeAtomically(file, tokens);
    return { tokens, created: true };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const r = TokenFileSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  return { tokens: r.data, created: false };
}

export async function saveTokenFile(file: string, tokens: TokenFile): Promise<void> {
  await writeAtomically(file, tokens);
}
