import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictionary, languages, translate } from './dictionary';

const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every text exists, non-empty, in all five languages with the same parameters', () => {
  assert.deepEqual([...languages], ['en', 'lv', 'ru', 'cs', 'hu']);
  const keys = Object.keys(dictionary.en).sort();
  assert.ok(keys.length > 50);
  for (const lang of languages) {
    assert.deepEqual(Object.keys(dictionary[lang]).sort(), keys, `${lang} has exactly the English keys`);
    for (const key of keys) {
      const text = (dictionary[lang] as Record<string, string>)[key];
      assert.ok(text && text.trim().length > 0, `${lang}:${key} is empty`);
      assert.deepEqual(params(text), params((dictionary.en as Record<string, string>)[key]!), `${lang}:${key} parameters`);
    }
  }
});

test('parameters are filled in', () => {
  assert.equal(translate('lv', 'common.range', { from: 1, to: 50, total: '100 000' }), '1–50 no 100 000');
  assert.equal(translate('ru', 'terminal.queued', { count: 3 }), 'В очереди: 3');
});
