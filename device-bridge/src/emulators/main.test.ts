// `npm run emulator -- cas --tty PATH --weight 1.234`: the scale driver on the other end of the pty reads 1.234 kg.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openPtyPair } from '../transports/pty-pair';
import { SerialTransport } from '../transports/serial';
import { ScaleDriver, scaleProtocols } from '../drivers/scales';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

test('the emulator command serves a CAS scale with its starting weight on an existing line', { timeout: 30_000 }, async () => {
  const pair = await openPtyPair();
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'cas', '--tty', pair.devicePath, '--weight', '1.234'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const host = new SerialTransport({ type: 'serial', path: pair.hostPath, baudRate: 9600 });
  try {
    await new Promise<void>((res, rej) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('emulator on')) res();
      });
      child.once('exit', (c) => rej(new Error(`emulator exited ${c}`)));
    });
    await host.open();
    const scale = new ScaleDriver(host, scaleProtocols.cas);
    const reading = await scale.readWeight();
    assert.equal(reading.grams, 1234);
    scale.dispose();
  } finally {
    await host.close();
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    await pair.close();
  }
});
