import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { MARKING_INVALID_REASONS, PRODUCTION_MESSAGES } from './messages';

// Codes owned by other parts (document engine, validation) are translated there.
const SHARED = /^(validation|document|stock|auth|period|item|company)\./;

test('every error code thrown by production, cutting and marking has a text in all five languages', async () => {
  const folders = ['../production/', '../marking/', '../../../db/src/production/'];
  let seen = 0;
  for (const dir of folders) {
    const folder = new URL(dir, import.meta.url);
    const files = await readdir(folder).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = await readFile(new URL(file, folder), 'utf8');
      for (const [, code] of source.matchAll(/DomainError\(\s*'([a-z_.]+)'/g)) {
        seen++;
        if (SHARED.test(code!)) continue;
        assert.deepEqual(Object.keys(PRODUCTION_MESSAGES[code!] ?? {}).sort(), ['cs', 'en', 'hu', 'lv', 'ru'], `${code} in ${dir}${file}`);
      }
    }
  }
  assert.ok(seen > 10);
});

test('every reason a marking code is refused for has a text', async () => {
  const source = await readFile(new URL('../marking/gs1.ts', import.meta.url), 'utf8');
  for (const [, reason] of source.matchAll(/invalid\('([a-z_]+)'/g)) {
    assert.deepEqual(Object.keys(MARKING_INVALID_REASONS[reason!] ?? {}).sort(), ['cs', 'en', 'hu', 'lv', 'ru'], reason);
  }
});
