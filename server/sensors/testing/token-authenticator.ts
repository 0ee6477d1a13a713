/** An Authenticator over a fixed token table (tests and benchmarks). */
import type { Authenticator, Principal } from '../../contracts.ts';

export function tokenAuthenticator(tokens: Record<string, Principal>): Authenticator {
  return {
    principalFor(header) {
      if (header === undefined) return { kind: 'anonymous' };
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      return m ? tokens[m[1]] : undefined;
    },
  };
}

export const TEST_TOKENS: Record<string, Principal> = {
  'admin-token': { kind: 'user', name: 'ada', role: 'admin' },
  'command-token': { kind: 'user', name: 'cmd', role: 'flood-command' },
  'planner-token': { kind: 'user', name: 'pla', role: 'planner' },
  'device-1-token': { kind: 'device', name: 'dev-1', datastreams: [1] },
};
