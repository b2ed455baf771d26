// The line-rate arithmetic the device bench divides by, worked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bitsPerCharacter, lineCharactersPerSecond, maxRoundTripsPerSecond } from './line-rate';

test('115200 baud 8N1 carries 11,520 bytes/s: 10 bits a byte', () => {
  const s = { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 } as const;
  assert.equal(bitsPerCharacter(s), 10);
  assert.equal(lineCharactersPerSecond(s), 11520);
});

test('Toledo 8217 at 9600 7E1: 10-character round trip (W + STX "001.235" CR) → 96 reads/s', () => {
  const s = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 } as const;
  assert.equal(bitsPerCharacter(s), 10); // 1 + 7 + 1 + 1
  assert.equal(maxRoundTripsPerSecond(s, 1 + 9), 96);
});

test('Massa-K at 4800 8N1: 8-byte request + 16-byte answer → 20 reads/s', () => {
  assert.equal(maxRoundTripsPerSecond({ baudRate: 4800, dataBits: 8, parity: 'none', stopBits: 1 }, 24), 20);
});
