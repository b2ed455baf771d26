// Every text exists in all five languages, is not empty, and keeps the same {placeholders} as English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asLanguage, DICTIONARIES, LANGUAGES, translate } from './dictionary';
import { formatMoney, parseMoneyInput, parseQuantityInput } from './format';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every key exists in en, lv, ru, cs and hu with the same placeholders', () => {
  const keys = Object.keys(DICTIONARIES.en);
  assert.ok(keys.length > 100);
  for (const lang of LANGUAGES) {
    const dict = DICTIONARIES[lang] as Record<string, string>;
    assert.deepEqual(Object.keys(dict).sort(), [...keys].sort(), `${lang} has other keys than en`);
    for (const k of keys) {
      assert.ok(dict[k]!.trim().length > 0, `${lang}.${k} is empty`);
      assert.deepEqual(placeholders(dict[k]!), placeholders((DICTIONARIES.en as Record<string, string>)[k]!), `${lang}.${k} placeholders`);
    }
  }
});

test('a cashier language from the server picks one of ours', () => {
  assert.equal(asLanguage('lv-LV'), 'lv');
  assert.equal(asLanguage('HU'), 'hu');
  assert.equal(asLanguage('de'), 'en');
  assert.equal(asLanguage(undefined), 'en');
});

test('the PIN prompt says PIN in every language', () => {
  for (const lang of LANGUAGES) assert.match(translate(lang, 'login.pin'), /PIN/);
});

test('cashier input and money display', () => {
  assert.equal(parseMoneyInput('12,5'), 1250);
  assert.equal(parseMoneyInput('0.07'), 7);
  assert.equal(parseMoneyInput('1.234'), null);
  assert.equal(parseQuantityInput('0,756'), '0.756');
  assert.equal(parseQuantityInput('0'), null);
  assert.equal(translate('en', 'sale.done', { number: 'T01-000001', change: '€4.78' }), 'Receipt T01-000001 done. Change: €4.78');
  assert.equal(formatMoney(478, 'EUR', 'en'), '€4.78');
  assert.equal(formatMoney(-129, 'EUR', 'en'), '-€1.29');
  // Czech puts the crown sign after the amount, with a decimal comma.
  assert.match(formatMoney(12350, 'CZK', 'cs'), /^123,50\sKč$/);
});
