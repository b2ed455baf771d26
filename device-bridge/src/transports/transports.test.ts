// Transports over real parts: a socat pty pair for serial, a loopback TCP server for raw TCP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { openPtyPair } from './pty-pair';
import { SerialTransport } from './serial';
import { TcpTransport } from './tcp';
import { discoverDevices } from './discovery';

function collect(t: { onData(l: (c: Uint8Array) => void): () => void }, n: number): Promise<string> {
  return new Promise((res) => {
    let got = '';
    const off = t.onData((c) => {
      got += Buffer.from(c).toString('latin1');
      if (got.length >= n) {
        off();
        res(got);
      }
    });
  });
}

test('serial transport moves bytes both ways over a pty pair', { timeout: 10_000 }, async () => {
  const pair = await openPtyPair();
  const host = new SerialTransport({ type: 'serial', path: pair.hostPath, baudRate: 9600 });
  const dev = new SerialTransport({ type: 'serial', path: pair.devicePath, baudRate: 9600 });
  try {
    await host.open();
    await dev.open();
    const atDevice = collect(dev, 5);
    await host.write(new Uint8Array([0x1b, 0x40, 0x41, 0x42, 0x0a]));
    assert.equal(await atDevice, '\x1b@AB\n');
    const atHost = collect(host, 2);
    await dev.write(new TextEncoder().encode('OK'));
    assert.equal(await atHost, 'OK');
    assert.equal(host.status().open, true);
    assert.equal(host.status().address, `${pair.hostPath}@9600`);
  } finally {
    await host.close();
    await dev.close();
    await pair.close();
  }
});

test('tcp transport talks to a raw port-9100-style server', { timeout: 10_000 }, async () => {
  const received: Buffer[] = [];
  const server = createServer((s) => {
    s.on('data', (d) => {
      received.push(d);
      s.write('ACK');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const t = new TcpTransport({ type: 'tcp', host: '127.0.0.1', port });
  try {
    await t.open();
    const reply = collect(t, 3);
    await t.write(new TextEncoder().encode('HELLO'));
    assert.equal(await reply, 'ACK');
    assert.equal(Buffer.concat(received).toString(), 'HELLO');
  } finally {
    await t.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('discovery answers even without USB or HID hardware', { timeout: 10_000 }, async () => {
  const d = await discoverDevices();
  assert.ok(Array.isArray(d.serial));
  assert.ok(Array.isArray(d.usbPrinters));
  assert.ok(Array.isArray(d.hid));
});
