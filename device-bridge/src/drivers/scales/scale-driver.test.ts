// Scale drivers against their emulators over a real socat pty pair and the serialport package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPtyPair } from '../../transports/pty-pair';
import { SerialTransport } from '../../transports/serial';
import { ScaleDriver } from './scale-driver';
import { createCasEmulator, createMassaKEmulator, createToledo8217Emulator, type ScaleEmulator, type ScaleEmulatorOptions } from './scale-emulator';
import { casProtocol } from './protocols/cas';
import { massaKProtocol } from './protocols/massak';
import { toledo8217Protocol } from './protocols/toledo8217';
import type { ScaleProtocol } from './weighing';

async function rig(protocol: ScaleProtocol, create: (o: ScaleEmulatorOptions) => ScaleEmulator) {
  const pty = await openPtyPair();
  const s = protocol.serial;
  const serial = { baudRate: s.baudRate, dataBits: s.dataBits, parity: s.parity, stopBits: s.stopBits };
  const deviceSide = new SerialTransport({ type: 'serial', path: pty.devicePath, ...serial });
  const hostSide = new SerialTransport({ type: 'serial', path: pty.hostPath, ...serial });
  await deviceSide.open();
  await hostSide.open();
  const emulator = create({ send: (b) => void deviceSide.write(b) });
  deviceSide.onData((c) => emulator.receive(c));
  const driver = new ScaleDriver(hostSide, protocol, { answerTimeoutMs: 600, retries: 1 });
  return {
    emulator,
    driver,
    async close() {
      driver.dispose();
      await hostSide.close();
      await deviceSide.close();
      await pty.close();
    },
  };
}

test('CAS: the cashier puts 1.235 kg of apples on the scale', { timeout: 15000 }, async () => {
  const r = await rig(casProtocol, createCasEmulator);
  try {
    r.emulator.setWeight('1.235');
    r.emulator.setStable(false);
    assert.deepEqual(await r.driver.readWeight(), { status: 'ok', grams: 1235, stable: false });
    r.emulator.setStable(true);
    assert.deepEqual(await r.driver.readWeight(), { status: 'ok', grams: 1235, stable: true });
    r.emulator.setOverload(true);
    assert.equal((await r.driver.readWeight()).status, 'overload');
    r.emulator.setOverload(false);
    r.emulator.sendGarbageOnce();
    // garbage instead of the ACK: the retry gets a clean answer
    assert.deepEqual(await r.driver.readWeight(), { status: 'ok', grams: 1235, stable: true });
    r.emulator.setSilent(true);
    assert.deepEqual(await r.driver.readWeight(), { status: 'disconnected', grams: null, stable: false });
    await assert.rejects(r.driver.tare(), { code: 'scale.command_unsupported' });
  } finally {
    await r.close();
  }
});

test('Toledo 8217 at 7E1: weight, motion, tare to net and overload', { timeout: 15000 }, async () => {
  const r = await rig(toledo8217Protocol, createToledo8217Emulator);
  try {
    r.emulator.setWeight('0.350');
    assert.deepEqual(await r.driver.readWeight(), { status: 'ok', grams: 350, stable: true, net: false });
    await r.driver.tare();
    r.emulator.setWeight('1.600');
    assert.deepEqual(await r.driver.readWeight(), { status: 'ok', grams: 1250, stable: true, net: true });
    r.emulator.setStable(false);
    assert.deepEqual(await r.driver.readWeight(), { status: 'ok', grams: null, stable: false, net: true, zero: false });
    r.emulator.setWeight('20');
    assert.equal((await r.driver.readWeight()).status, 'overload');
    assert.deepEqual(r.emulator.received.map((c) => String.fromCharCode(...c)).join(''), 'WTWWW');
  } finally {
    await r.close();
  }
});

test('Massa-K: weight, tare with the weight on the platform, overload and no answer', { timeout: 15000 }, async () => {
  const r = await rig(massaKProtocol, createMassaKEmulator);
  try {
    r.emulator.setWeight('0.2');
    await r.driver.tare();
    assert.equal(r.emulator.state.tareGrams, 200);
    r.emulator.setWeight('2.45');
    assert.deepEqual(await r.driver.readWeight(), { status: 'ok', grams: 2250, stable: true, net: true, zero: false });
    r.emulator.setOverload(true);
    assert.equal((await r.driver.readWeight()).status, 'overload');
    r.emulator.setSilent(true);
    assert.equal((await r.driver.readWeight()).status, 'disconnected');
  } finally {
    await r.close();
  }
});
