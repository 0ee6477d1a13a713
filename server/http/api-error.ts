/**
 * Errors the API answers with `{ error: { code, message } }`: an HTTP status, a stable code and a message
 * that names the field, what was expected and what was found.
 */
import type { z } from 'zod';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string, id: string): ApiError => new ApiError(404, 'not-found', `${what} '${id}' not found`);

/** The first issue of a zod error as one line: `field.path: message`. */
export function describeZodError(error: z.ZodError, root = 'body'): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${[root, ...i.path.map(String)].join('.')}: ${i.message}`)
    .join('; ');
}

/** Parses a request part with a zod schema; a violation is a 400 naming the field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, root = 'body'): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiError(400, 'invalid-request', describeZodError(r.error, root));
  return r.data;
}
