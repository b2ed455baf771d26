// The display driver talking to the emulator through an in-memory wire (the bytes are the same as on serial).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Transport } from '../../transports/transport';
import { CD5220_DISPLAY, CustomerDisplay, EPSON_DISPLAY, createDisplayEmulator } from '.';

function wire(deliver: (b: Uint8Array) => void): Transport {
  let open = false;
  return {
    kind: 'serial',
    open: async () => void (open = true),
    write: async (b) => deliver(b),
    onData: () => () => undefined,
    close: async () => void (open = false),
    status: () => ({ open, address: 'memory' }),
  };
}

for (const protocol of [EPSON_DISPLAY, CD5220_DISPLAY]) {
  test(`${protocol.name}: the customer sees the Russian item and its price, cut to 20 columns`, async () => {
    const emu = createDisplayEmulator({ send: () => undefined });
    const display = new CustomerDisplay(wire((b) => emu.receive(b)), protocol, 'PC866');
    await display.open();
    await display.show('Хлеб Бородинский нарезной', '65.00 RUB');
    assert.deepEqual(emu.lines, ['Хлеб Бородинский нар', '65.00 RUB           ']);
    await display.clear();
    assert.deepEqual(emu.lines, [' '.repeat(20), ' '.repeat(20)]);
    await display.close();
  });
}
