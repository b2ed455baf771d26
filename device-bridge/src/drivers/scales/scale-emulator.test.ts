// Scale emulators keep their weight and tare in the state file across restarts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToledo8217Emulator } from './scale-emulator';

test('a Toledo emulator restarted from its state file still holds 0.5 kg with a 0.1 kg tare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scale-'));
  try {
    const stateFile = join(dir, 'scale.json');
    const first = createToledo8217Emulator({ send: () => undefined, stateFile });
    first.setWeight('0.1');
    first.receive(Uint8Array.of(0x54)); // 'T'
    first.setWeight('0.5');
    const sent: number[][] = [];
    const second = createToledo8217Emulator({ send: (b) => sent.push([...b]), stateFile });
    assert.deepEqual(second.state, { grossGrams: 500, tareGrams: 100, stable: true });
    second.receive(Uint8Array.of(0x57)); // 'W' → STX "000.400" N CR
    assert.equal(String.fromCharCode(...(sent[0] ?? [])), '\x02000.400N\r');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
