// Every error code the order API throws has a text in all five languages, here or in the store server's own texts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { SHOP_MESSAGES, translateShopError } from './messages';

// Codes the store server already translates (backoffice/src/server/messages.ts).
const SERVER_CODES = new Set(['item.unknown', 'company.missing', 'validation.quantity']);

test('every thrown code has texts in en, lv, ru, cs, hu with the same placeholders', () => {
  const dir = new URL('.', import.meta.url).pathname;
  const codes = new Set<string>(['rate_limited']);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
    for (const m of readFileSync(dir + f, 'utf8').matchAll(/DomainError\('([a-z_.]+)'/g)) codes.add(m[1]!);
  }
  assert.ok(codes.size > 20);
  for (const code of codes) {
    if (SERVER_CODES.has(code)) continue;
    const texts = SHOP_MESSAGES[code];
    assert.ok(texts, `${code} has texts`);
    const placeholders = (t: string) =>
      [...t.matchAll(/\{\{(\w+)\}\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    for (const lng of ['en', 'lv', 'ru', 'cs', 'hu'] as const) {
      assert.ok(texts[lng], `${code} in ${lng}`);
      assert.equal(placeholders(texts[lng]), placeholders(texts.en), `${code} placeholders in ${lng}`);
    }
  }
});

test('the 429 text follows Accept-Language', () => {
  assert.equal(
    translateShopError('rate_limited', { seconds: 2 }, 'cs-CZ,cs;q=0.9,en;q=0.5'),
    'Příliš mnoho požadavků s tímto klíčem API; zkuste to znovu za 2 s.',
  );
  assert.equal(
    translateShopError('rate_limited', { seconds: 1 }, undefined),
    'Too many requests with this API key; try again in 1 s.',
  );
});
