// Serial scanner driver against the scanner emulator over a real socat pty pair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { SerialPort } from 'serialport';
import type { Transport } from '../../transports/transport';
import { BarcodeScanner, createScannerEmulator, type Scan } from '.';

function ptyPair(): Promise<{ a: string; b: string; proc: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const proc = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0']);
    let err = '';
    proc.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const paths = [...err.matchAll(/PTY is (\/dev\/pts\/\d+)/g)].map((m) => m[1] as string);
      if (paths.length === 2 && err.includes('starting data transfer loop')) resolve({ a: paths[0] as string, b: paths[1] as string, proc });
    });
    proc.on('error', reject);
  });
}

/** Minimal serial transport for this test (the bridge's own lives in transports/). */
function serialTransport(path: string): Transport {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  return {
    kind: 'serial',
    open: () => new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res()))),
    write: (bytes) => new Promise<void>((res, rej) => port.write(Buffer.from(bytes), (e) => (e ? rej(e) : port.drain(() => res())))),
    onData(listener) {
      const h = (d: Buffer): void => listener(new Uint8Array(d));
      port.on('data', h);
      return () => port.off('data', h);
    },
    close: () => new Promise<void>((res) => (port.isOpen ? port.close(() => res()) : res())),
    status: () => ({ open: port.isOpen, address: `${path}@9600` }),
  };
}

test('a cashier scans a loaf and a GS1 DataMatrix pack over a serial line', { timeout: 15000 }, async () => {
  const { a, b, proc } = await ptyPair();
  const device = serialTransport(b);
  const scanner = new BarcodeScanner(serialTransport(a));
  try {
    await device.open();
    await scanner.open();
    const scans: Scan[] = [];
    const two = new Promise<void>((res) => scanner.onScan((s) => scans.push(s) === 2 && res()));
    const emu = createScannerEmulator({ send: (bytes) => void device.write(bytes), aim: true, terminator: 'CRLF' });
    emu.scan('4006381333931');
    emu.scan('0104006381333931\x1d10AB12', 'GS1 DataMatrix');
    await two;
    assert.deepEqual(scans, [
      { code: '4006381333931', symbology: 'EAN-13', aim: ']E0' },
      { code: '0104006381333931\x1d10AB12', symbology: 'GS1 DataMatrix', aim: ']d2' },
    ]);
  } finally {
    await scanner.close();
    await device.close();
    proc.kill();
  }
});
