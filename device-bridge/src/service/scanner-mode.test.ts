// Which scanner protocol the bridge speaks follows the configured connection: HID scanners speak HID-POS reports
// (or keyboard reports when configured so), serial and TCP scanners send CR/LF-terminated lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scannerMode } from './kinds';

test('an HID scanner is read as HID-POS, a serial one as lines', () => {
  assert.deepEqual(scannerMode({ transport: { type: 'hid' } }), { kind: 'hid-pos', layout: { reportId: 2 } });
  assert.deepEqual(scannerMode({ transport: { type: 'hid' }, options: { reportId: null } }), { kind: 'hid-pos', layout: { reportId: null } });
  assert.deepEqual(scannerMode({ transport: { type: 'hid' }, options: { mode: 'hid-keyboard' } }), { kind: 'hid-keyboard' });
  assert.deepEqual(scannerMode({ transport: { type: 'serial' } }), { kind: 'serial' });
  assert.deepEqual(scannerMode({ transport: { type: 'tcp' }, options: { mode: 'hid-keyboard' } }), { kind: 'serial' });
});
