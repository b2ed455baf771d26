// Till lines reach the Shtrih-M register with the tax group its VAT rate is programmed under, and with names it can
// print: checked on the table, and on the wire between the bridge's fiscal adapter and the register emulator on a pty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDomainError } from '@kasa/domain';
import { createShtrihEmulator, shtrihCodec } from '../drivers/fiscal';
import { startEmulatorOnPty, type EmulatorFactory } from '../emulators/host';
import { createTransport } from '../transports';
import { adapterFactories } from './kinds';
import { cp1251Text, registerLine, taxesForRate, taxTable } from './fiscal-lines';

test('Latvian VAT rates map to tax groups 1..4 by default; a device or country table overrides', () => {
  const lv = taxTable();
  assert.deepEqual(taxesForRate('21', lv), [1, 0, 0, 0]);
  assert.deepEqual(taxesForRate('12.00', lv), [2, 0, 0, 0]);
  assert.deepEqual(taxesForRate(5, lv), [3, 0, 0, 0]);
  assert.deepEqual(taxesForRate('0', lv), [4, 0, 0, 0]);
  assert.throws(() => taxesForRate('9', lv), (e) => isDomainError(e) && e.code === 'fiscal.tax_group_unknown' && e.params.rate === '9');
  assert.deepEqual(taxesForRate('27', taxTable({ country: 'HU' })), [1, 0, 0, 0]);
  // A register programmed with 21 % in its third tax slot.
  assert.deepEqual(taxesForRate('21', taxTable({ taxGroups: { '21.0': 3, '12': 1 } })), [3, 0, 0, 0]);
  assert.throws(() => taxTable({ taxGroups: { '21': 5 } }), (e) => isDomainError(e) && e.code === 'config.invalid');
});

test('names keep their letters on a CP1251 register: diacritics dropped, Cyrillic kept', () => {
  assert.equal(cp1251Text('Rupjmaize "Lāči"'), 'Rupjmaize "Laci"');
  assert.equal(cp1251Text('Kefīrs 2,5 % Tērvete'), 'Kefirs 2,5 % Tervete');
  assert.equal(cp1251Text('Řízek, Győr'), 'Rizek, Gyor');
  assert.equal(cp1251Text('Хлеб Бородинский'), 'Хлеб Бородинский');
  // Explicit taxes win over the rate.
  assert.deepEqual(registerLine({ name: 'Ūdens', quantity: '1', priceMinor: 59, vatRate: '21', taxes: [2, 0, 0, 0] }, taxTable()), { name: 'Udens', quantity: '1', priceMinor: 59, taxes: [2, 0, 0, 0] });
});

test('a receipt with 21 % and 12 % lines goes to the register as tax groups 1 and 2', { timeout: 20_000 }, async () => {
  // The stock Shtrih-M emulator, with the host's sale frames copied out as they arrive.
  const sales: { taxes: number[]; text: string; priceMinor: number }[] = [];
  const watching: EmulatorFactory = {
    kind: 'shtrih',
    line: { baudRate: 115200 },
    create(send) {
      const emulator = createShtrihEmulator({ send });
      const frames = shtrihCodec.createLinkDecoder();
      const receive = emulator.receive.bind(emulator);
      emulator.receive = (chunk: Uint8Array) => {
        for (const e of frames.push(chunk)) {
          if (e.type === 'frame' && e.command === shtrihCodec.CMD.SALE) {
            const f = shtrihCodec.decodeLine(e.data);
            sales.push({ taxes: f.taxes, text: f.text, priceMinor: f.priceMinor });
          }
        }
        receive(chunk);
      };
      return { emulator, view: {} };
    },
  };
  const em = await startEmulatorOnPty(watching, 'shtrih', {});
  const transport = createTransport(em.device.transport);
  try {
    await transport.open();
    const adapter = await adapterFactories.shtrih!({ ...em.device, options: { country: 'LV' } }, transport);
    await adapter.fiscal!('open-shift', {});
    await adapter.fiscal!('receipt', {
      receipt: {
        lines: [
          { name: 'Rupjmaize "Lāči"', quantity: '1', priceMinor: 209, vatRate: '21' },
          { name: 'Piens 2 %', quantity: '2', priceMinor: 119, vatRate: '12' },
        ],
        payments: { cash: 500 },
      },
    });
    assert.deepEqual(sales, [
      { taxes: [1, 0, 0, 0], text: 'Rupjmaize "Laci"', priceMinor: 209 },
      { taxes: [2, 0, 0, 0], text: 'Piens 2 %', priceMinor: 119 },
    ]);
  } finally {
    await transport.close();
    await em.close();
  }
});
