// Label drivers talking to their emulators through an in-memory wire (the bytes are the same as on TCP 9100).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Money } from '@kasa/domain';
import type { Transport } from '../../transports/transport';
import { PRICE_TAG, TsplPrinter, ZplPrinter, createTsplEmulator, createZplEmulator } from '.';

function wire(deliver: (b: Uint8Array) => void): Transport {
  return {
    kind: 'tcp',
    open: async () => undefined,
    write: async (b) => deliver(b),
    onData: () => () => undefined,
    close: async () => undefined,
    status: () => ({ open: true, address: 'memory' }),
  };
}

const salami = { name: 'Szalámi ~ pick', price: Money.of('1290.00', 'HUF'), barcode: '5998817311114' };

test('ZPL driver: three price tags of one item come out as one format with ^PQ3', async () => {
  const emu = createZplEmulator({ send: () => undefined });
  const printer = new ZplPrinter(wire((b) => emu.receive(b)));
  await printer.open();
  await printer.printLabel(PRICE_TAG, salami, 3);
  assert.equal(emu.labels.length, 1);
  assert.equal(emu.labels[0]?.copies, 3);
  assert.deepEqual(emu.labels[0]?.elements.map((e) => (e.kind === 'text' ? e.text : e.data)), ['Szalámi ~ pick', '1290.00 HUF', '5998817311114']);
  await printer.close();
});

test('TSPL driver: a price tag prints with PRINT 1,2', async () => {
  const emu = createTsplEmulator({ send: () => undefined });
  const printer = new TsplPrinter(wire((b) => emu.receive(b)));
  await printer.open();
  await printer.printLabel(PRICE_TAG, salami, 2);
  assert.equal(emu.labels[0]?.copies, 2);
  assert.deepEqual(emu.labels[0]?.elements.map((e) => (e.kind === 'text' ? e.text : e.data)), ['Szalámi ~ pick', '1290.00 HUF', '5998817311114']);
  await printer.close();
});
