// Input no route can store is refused at the edge, for every route, after the schemas have checked and coerced it:
// text with a NUL character (PostgreSQL cannot keep U+0000 in a text column) and numbers beyond what JavaScript
// counts exactly (an id of 1e308 or 2^53 + 1, "1e999" coerced to Infinity). Either would otherwise fail deep in a
// transaction with a 500; here it is a 400 naming the field.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '@kasa/domain';

type Problem = { field: string; detail: string };

/** The first value no route accepts, with its path (`lines.0.itemId`, or `body` for a bare value), or null. */
export function unstorableInput(value: unknown, path = ''): Problem | null {
  const field = path || 'body';
  if (typeof value === 'string') return value.includes('\u0000') ? { field, detail: 'U+0000 (NUL) is not allowed in text' } : null;
  if (typeof value === 'number')
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? null : { field, detail: `${value} is out of range` };
  // Binary bodies (a bank statement, a file from 1C) are bytes for their own parsers, not fields to walk one by one.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    if (k.includes('\u0000')) return { field: at.split('\u0000').join('') || 'body', detail: 'U+0000 (NUL) is not allowed in a name' };
    const found = unstorableInput(v, at);
    if (found) return found;
  }
  return null;
}

export function rejectUnstorableInput(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    const p = unstorableInput(req.query) ?? unstorableInput(req.params) ?? unstorableInput(req.body);
    if (p) throw new DomainError(`validation.${p.field}`, { field: p.field, detail: p.detail }, 400);
  });
}
