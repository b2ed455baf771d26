// Text with a NUL character (U+0000) is refused at the edge, for every route: PostgreSQL cannot store it in a text
// column (it would fail the request with a 500 deep in a transaction) and no shop data ever needs it.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '@kasa/domain';

/** The path of the first string holding U+0000 (`lines.0.name`, or `body` for a bare string), or null. */
export function nulField(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return (path ? `${path}.${k}` : k).split('\u0000').join('') || 'body';
    const found = nulField(v, path ? `${path}.${k}` : k);
    if (found) return found;
  }
  return null;
}

export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const field = nulField(req.query) ?? nulField(req.params) ?? nulField(req.body);
    if (field) throw new DomainError(`validation.${field}`, { field, detail: 'U+0000 (NUL) is not allowed in text' }, 400);
  });
}
