/**
 * Bearer tokens → principals (contracts `Authenticator`), the token store behind them, and the Fastify
 * onRequest hooks that guard routes (before any body is read): 401 without a token or with an unknown one, 403 with a token whose role
 * may not do it. In public read-only mode anonymous reads pass; writes never do.
 */
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Authenticator, Principal, Role } from '../contracts.ts';
import { ApiError } from '../http/api-error.ts';
import { loadOrCreateTokenFile, newToken, saveTokenFile, type TokenFile } from './token-file.ts';

export interface TokenStore extends Authenticator {
  /** The file the tokens live in. */
  readonly file: string;
  /** True when this start created the file (its tokens are printed once). */
  readonly created: boolean;
  /** The user tokens by role, for printing on first start. */
  userTokens(): Array<{ name: string; role: Role; token: string }>;
  /** Issues (or returns the existing) token of a device bound to `datastreams`; saved to the file. */
  deviceToken(name: string, datastreams: number[]): Promise<string>;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

function index(tokens: TokenFile): Map<string, Principal> {
  const m = new Map<string, Principal>();
  for (const u of tokens.users) m.set(u.token, { kind: 'user', name: u.name, role: u.role });
  for (const d of tokens.devices) m.set(d.token, { kind: 'device', name: d.name, datastreams: [...d.datastreams] });
  return m;
}

export async function openTokenStore(file: string): Promise<TokenStore> {
  const { tokens, created } = await loadOrCreateTokenFile(file);
  let byToken = index(tokens);
  return {
    file,
    created,
    principalFor(header) {
      if (header === undefined || header.trim() === '') return { kind: 'anonymous' };
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      return m ? byToken.get(m[1]) : undefined;
    },
    userTokens: () => tokens.users.map((u) => ({ ...u })),
    async deviceToken(name, datastreams) {
      const existing = tokens.devices.find((d) => d.name === name);
      if (existing) {
        existing.datastreams = [...datastreams];
      } else {
        tokens.devices.push({ name, datastreams: [...datastreams], token: newToken() });
      }
      await saveTokenFile(file, tokens);
      byToken = index(tokens);
      return tokens.devices.find((d) => d.name === name)!.token;
    },
  };
}

/** The request's principal; throws 401 for an unknown or malformed token. */
export function principalOf(auth: Authenticator, request: FastifyRequest): Principal {
  if (request.principal) return request.principal;
  const p = auth.principalFor(request.headers.authorization);
  if (!p) throw new ApiError(401, 'invalid-token', 'authorization: unknown or malformed bearer token');
  request.principal = p;
  return p;
}

function unauthenticated(reply: FastifyReply): ApiError {
  reply.header('www-authenticate', 'Bearer realm="cimflow"');
  return new ApiError(401, 'missing-token', 'authorization: this request needs `Authorization: Bearer <token>`');
}

/** Writes: a user with one of `roles` (admin is not implied; list it). */
export function requireRole(auth: Authenticator, ...roles: Role[]): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const p = principalOf(auth, request);
    if (p.kind === 'anonymous') throw unauthenticated(reply);
    if (p.kind !== 'user' || !roles.includes(p.role)) {
      const who = p.kind === 'user' ? `role '${p.role}'` : `device '${p.name}'`;
      throw new ApiError(403, 'forbidden', `${who} may not do this; allowed roles: ${roles.join(', ')}`);
    }
  };
}

/** Reads: anyone with a valid token; anonymous too in public read-only mode. */
export function requireReader(auth: Authenticator, publicReadOnly: boolean): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const p = principalOf(auth, request);
    if (p.kind === 'anonymous' && !publicReadOnly) throw unauthenticated(reply);
  };
}
