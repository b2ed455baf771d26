// The order API's own OpenAPI 3.1 document, built from the route schemas as registered (so it cannot drift from the
// validators), and a self-contained docs page rendering it: every operation with its parameters, example and curl.

import type { RouteOptions } from 'fastify';
import { DEMO_SHOP_KEY } from './api-keys';

export const SHOP_API_PREFIX = '/api/shop/v1';

type Json = Record<string, unknown>;

interface Operation {
  method: string;
  path: string;
  op: Json;
}

export interface OpenApiDocument {
  openapi: string;
  info: Json;
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Json>>;
  components: Json;
}

// TypeBox marks schemas with symbol keys; a JSON round trip leaves plain JSON Schema.
const plain = (s: unknown): Json => JSON.parse(JSON.stringify(s ?? {})) as Json;

function parameters(where: 'query' | 'path' | 'header', schema: unknown): Json[] {
  if (!schema) return [];
  const s = plain(schema);
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => {
    const { description, examples, ...rest } = p;
    return {
      name:
        where === 'header' ? name.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase()) : name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      ...(Array.isArray(examples) ? { example: examples[0] } : {}),
      schema: rest,
    };
  });
}

const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, params: { type: 'object' } },
    },
  },
  required: ['error'],
};

export function buildOpenApi(routes: RouteOptions[]): OpenApiDocument {
  const ops: Operation[] = [];
  for (const r of routes) {
    const scope = (r.config as { shopScope?: string } | undefined)?.shopScope;
    if (!scope) continue;
    for (const m of [r.method].flat()) {
      if (m === 'HEAD') continue;
      const url = r.url.startsWith(SHOP_API_PREFIX) ? r.url.slice(SHOP_API_PREFIX.length) : r.url;
      const path = url.replace(/:([A-Za-z_]+)/g, '{$1}');
      const schema = (r.schema ?? {}) as Json;
      const responses: Json = {};
      for (const [code, s] of Object.entries((schema.response ?? {}) as Json)) {
        responses[code] = {
          description: code === '201' ? 'Created' : 'OK',
          content: { 'application/json': { schema: plain(s) } },
        };
      }
      if (Object.keys(responses).length === 0) responses[m === 'DELETE' ? '204' : '200'] = { description: 'OK' };
      for (const [code, what] of [
        ['400', 'Malformed request (validation.*, request.malformed)'],
        ['401', 'Missing, unknown or revoked API key (auth.api_key_invalid)'],
        ['403', `The key lacks the scope ${scope} (auth.scope_missing)`],
        ['404', 'Not found'],
        ['409', 'Conflict (idempotency.conflict, stock.insufficient, order.transition …)'],
        ['422', 'Refused by a business rule (item.unknown, validation.quantity …)'],
        ['429', 'Rate limit (rate_limited); wait Retry-After seconds'],
      ] as const) {
        responses[code] = { description: what, content: { 'application/json': { schema: ERROR_SCHEMA } } };
      }
      const op: Json = {
        operationId: `${m.toLowerCase()}${path.replace(/[{}]/g, '').replace(/(^|\/)([a-z])/g, (_x, _s, c: string) => c.toUpperCase())}`,
        tags: schema.tags ?? [],
        summary: schema.summary ?? '',
        ...(schema.description ? { description: schema.description } : {}),
        security: [{ apiKey: [] }],
        'x-scope': scope,
        parameters: [
          ...parameters('path', schema.params),
          ...parameters('query', schema.querystring),
          ...parameters('header', schema.headers),
        ],
        responses,
      };
      if (schema.body) {
        const body = plain(schema.body);
        const examples = body.examples as unknown[] | undefined;
        op.requestBody = {
          required: true,
          content: { 'application/json': { schema: body, ...(examples?.length ? { example: examples[0] } : {}) } },
        };
      }
      ops.push({ method: m.toLowerCase(), path, op });
    }
  }
  const paths: OpenApiDocument['paths'] = {};
  for (const o of ops) (paths[o.path] ??= {})[o.method] = o.op;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kasa order API for online shops',
      version: '1.0.0',
      description:
        "Catalogue and stock for the shop's site, orders with stock reservation, their lifecycle and signed webhooks. " +
        'Authenticate with `Authorization: Bearer <API key>`; keys have scopes catalogue:read, stock:read, orders:write and a rate limit. ' +
        'Money is in minor units (cents) with the currency; quantities are numbers (kg with 3 decimals for goods sold by weight). ' +
        'Every refusal is `{"error":{"code","message","params"}}` with a stable code.',
    },
    servers: [{ url: SHOP_API_PREFIX }],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: `API key, e.g. the demo shop's ${DEMO_SHOP_KEY}` },
      },
    },
  };
}

const esc = (s: unknown) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function curl(method: string, path: string, op: Json): string {
  const example = (op.requestBody as { content: { 'application/json': { example?: unknown } } } | undefined)?.content[
    'application/json'
  ].example;
  const url = `http://localhost:3000${SHOP_API_PREFIX}${path.replace(/\{id\}/g, '1')}`;
  const lines = [`curl -X ${method.toUpperCase()} '${url}'`, `  -H 'Authorization: Bearer ${DEMO_SHOP_KEY}'`];
  for (const p of (op.parameters ?? []) as Json[])
    if (p.in === 'header' && p.required) lines.push(`  -H '${p.name}: ${p.example ?? 'value'}'`);
  if (example !== undefined)
    lines.push(`  -H 'Content-Type: application/json'`, `  -d '${JSON.stringify(example).replace(/'/g, "'\\''")}'`);
  return lines.join(' \\\n');
}

/** The docs page: plain HTML and CSS, no scripts from elsewhere; reads like a short manual. */
export function docsPage(doc: OpenApiDocument): string {
  const sections = Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
    .map(({ path, method, op }) => {
      const params = (op.parameters ?? []) as Json[];
      const body = (
        op.requestBody as { content: { 'application/json': { example?: unknown; schema: Json } } } | undefined
      )?.content['application/json'];
      const id = String(op.operationId);
      return `<section id="${esc(id)}">
<h2><span class="m m-${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(SHOP_API_PREFIX + path)}</code></h2>
<p class="summary">${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}
<p class="scope">Scope: <code>${esc(op['x-scope'])}</code></p>
${params.length ? `<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Description</th></tr>${params.map((p) => `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${esc(p.description ?? '')}</td></tr>`).join('')}</table>` : ''}
${body?.example !== undefined ? `<h3>Example body</h3><pre>${esc(JSON.stringify(body.example, null, 2))}</pre>` : ''}
<h3>curl</h3><pre>${esc(curl(method, path, op))}</pre>
</section>`;
    })
    .join('\n');
  const index = Object.entries(doc.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, op]) =>
          `<li><a href="#${esc(op.operationId)}"><b>${esc(method.toUpperCase())}</b> ${esc(path)}</a> — ${esc(op.summary)}</li>`,
      ),
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1d2330}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
pre{background:#f4f5f7;padding:.75rem;overflow:auto;border-radius:4px}
section{border-top:1px solid #dde;padding:.5rem 0 1rem}
.m{display:inline-block;min-width:4.5em;text-align:center;color:#fff;border-radius:3px;padding:0 .3em;font-size:.8em}
.m-get{background:#2f7d32}.m-post{background:#1f5fa8}.m-delete{background:#b3261e}
table{border-collapse:collapse}td,th{border:1px solid #dde;padding:.2rem .5rem;text-align:left}
.scope{color:#555}
</style></head><body>
<h1>${esc(doc.info.title)} <small>v${esc(doc.info.version)}</small></h1>
<p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="${SHOP_API_PREFIX}/openapi.json">${SHOP_API_PREFIX}/openapi.json</a>. The demo database has the shop key <code>${esc(DEMO_SHOP_KEY)}</code>.</p>
<h2>Webhooks</h2>
<p>Each status change is POSTed to every registered URL as JSON
<code>{"event":"order.status_changed","eventId","occurredAt","order":{"id","externalRef","status","previousStatus","totalMinor","currency"}}</code>
with headers <code>X-Kasa-Event-Id</code> and <code>X-Kasa-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body with the webhook secret&gt;</code>.
Events of one order arrive in order; anything but a 2xx answer is retried after 1 s, 2 s, 4 s … up to 5 minutes apart.</p>
<h2>Operations</h2><ul>${index}</ul>
${sections}
</body></html>`;
}
