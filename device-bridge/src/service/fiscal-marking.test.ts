// Issue 7: a marked unit sold on the till reaches the fiscal register with its code. A receipt job through the bridge
// in a Russian shop puts tag 1162 on each marked line of the Shtrih-M emulator's journal; in a Latvian shop the register
// has no such tag and the line goes out as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { shtrihCodec, type ShtrihState } from '../drivers/fiscal';
import { emulatorCatalog } from '../emulators/catalog';
import { startEmulatorOnPty, type EmulatorFactory } from '../emulators/host';
import { createTransport } from '../transports';
import { startBridge } from './bridge';
import { adapterFactories } from './kinds';
import { sendsMarkingCodes } from './fiscal-lines';

const GS = '\x1d';
const receipt = {
  lines: [
    { name: 'Сигареты', quantity: '1', priceMinor: 18900, vatRate: '20', markingCode: `0104601234567893215Abc1d${GS}93dGVz` },
    { name: 'Хлеб', quantity: '1', priceMinor: 5500, vatRate: '10' },
    { name: 'Сигареты', quantity: '1', priceMinor: 18900, vatRate: '20', markingCode: `0104601234567893215Abc1e${GS}93dGVz` },
  ],
  payments: { cash: 50000 },
};

test('which shops send marking codes: Russia by default, any device by option', () => {
  assert.equal(sendsMarkingCodes({ country: 'RU' }), true);
  assert.equal(sendsMarkingCodes({ country: 'LV' }), false);
  assert.equal(sendsMarkingCodes({}), false);
  assert.equal(sendsMarkingCodes({ country: 'RU', markingCodes: false }), false);
  assert.equal(sendsMarkingCodes({ country: 'CZ', markingCodes: true }), true);
});

test('a receipt job in a Russian shop: both cigarettes carry their own tag 1162, the bread none', { timeout: 30_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bridge-marking-'));
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ country: 'RU', port: 0 }));
  const bridge = await startBridge({ configFile, emulate: true, emulatorKinds: ['shtrih'], emulatorDir: join(dir, 'emulators'), port: 0, quiet: true, tillDist: join(dir, 'no-till'), tillDataDir: join(dir, 'till') });
  try {
    const post = (op: string, body: object) =>
      fetch(`${bridge.url}/api/fiscal/${op}`, { method: 'POST', headers: { 'x-bridge-token': bridge.token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal((await post('open-shift', { key: 'shift-1' })).status, 200);
    const res = await post('receipt', { key: 'receipt-1', receipt });
    const { job } = (await res.json()) as { job: { state: string; error?: unknown } };
    assert.equal(job.state, 'done', JSON.stringify(job));
    const state = JSON.parse(readFileSync(join(dir, 'emulators', 'shtrih', 'state.json'), 'utf8')) as ShtrihState;
    const sale = state.journal.find((e) => e.type === 'sale');
    assert.deepEqual(sale?.lines?.map((l) => l.productCode ?? null), [
      { gtin: '04601234567893', serial: '5Abc1d' },
      null,
      { gtin: '04601234567893', serial: '5Abc1e' },
    ]);
    // 189.00 + 55.00 + 189.00 = 433.00
    assert.equal(sale?.totalMinor, 43300);

    // A code that is not a unit's code (no serial) fails the job before the register opens a receipt.
    const bad = await post('receipt', { key: 'receipt-2', receipt: { ...receipt, lines: [{ ...receipt.lines[0]!, markingCode: '0104601234567893' }] } });
    const failed = (await bad.json()) as { job?: { state: string; error?: { code: string } }; error?: { code: string } };
    assert.equal(failed.job?.error?.code ?? failed.error?.code, 'marking.invalid');
    const after = JSON.parse(readFileSync(join(dir, 'emulators', 'shtrih', 'state.json'), 'utf8')) as ShtrihState;
    assert.equal(after.journal.filter((e) => e.type === 'sale').length, 1);
    assert.equal(after.openReceipt, undefined);
  } finally {
    await bridge.close();
  }
});

test('in a Latvian shop the register gets no FF4Dh: the marked line is sold like any other', { timeout: 20_000 }, async () => {
  const commands: number[] = [];
  const stock = emulatorCatalog.shtrih as EmulatorFactory;
  const watching: EmulatorFactory = {
    ...stock,
    create(send, opts) {
      const made = stock.create(send, opts);
      const frames = shtrihCodec.createLinkDecoder();
      const receive = made.emulator.receive.bind(made.emulator);
      made.emulator.receive = (chunk: Uint8Array) => {
        for (const e of frames.push(chunk)) if (e.type === 'frame') commands.push(e.command);
        receive(chunk);
      };
      return made;
    },
  };
  const em = await startEmulatorOnPty(watching, 'shtrih', {});
  const transport = createTransport(em.device.transport);
  try {
    await transport.open();
    const adapter = await adapterFactories.shtrih!({ ...em.device, options: { country: 'LV' } }, transport);
    await adapter.fiscal!('open-shift', {});
    await adapter.fiscal!('receipt', { receipt: { lines: [{ name: 'Cigaretes', quantity: '1', priceMinor: 450, vatRate: '21', markingCode: receipt.lines[0]!.markingCode }], payments: { cash: 500 } } });
    assert.ok(commands.includes(shtrihCodec.CMD.SALE));
    assert.ok(!commands.includes(shtrihCodec.CMD.FN_WRITE_OPERATION_TLV));
  } finally {
    await transport.close();
    await em.close();
  }
});
