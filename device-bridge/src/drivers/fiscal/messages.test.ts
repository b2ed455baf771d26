// Every error key the Shtrih-M codec can raise has a text in every shop language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fiscalMessages } from './messages';
import { SHTRIH_ERRORS } from './shtrih/errors';
import { scaleMessages } from '../scales/messages';
import { paymentMessages } from '../payment/messages';

test('fiscal, scale and payment keys are translated in en, lv, ru, cs, hu', () => {
  const fiscalKeys = [...Object.values(SHTRIH_ERRORS).map((e) => e.key).filter((k) => k !== 'fiscal.ok'), 'fiscal.device_error', 'fiscal.no_answer', 'fiscal.link_error'];
  for (const table of [fiscalMessages, scaleMessages, paymentMessages]) {
    const english = Object.keys(table.en).sort();
    for (const [lang, messages] of Object.entries(table)) assert.deepEqual(Object.keys(messages).sort(), english, lang);
  }
  for (const key of fiscalKeys) assert.ok(fiscalMessages.en[key], key);
});
