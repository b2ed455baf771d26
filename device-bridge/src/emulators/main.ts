// `npm run emulator -- <kind> --tty PATH | --tcp PORT [--weight 1.234] [--out DIR] [--state FILE]`
// Serves the device end of an existing serial line (or a TCP port, like a network printer's 9100) for one emulator.
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import type { DeviceKind } from '../config/config';
import { emulatorCatalog } from './catalog';
import { serveOnSerial, type EmulatorOptions } from './host';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const kind = process.argv[2] as DeviceKind | undefined;
const factory = kind ? emulatorCatalog[kind] : undefined;
if (!factory) {
  console.error(`usage: npm run emulator -- <${Object.keys(emulatorCatalog).join('|')}> --tty PATH | --tcp PORT [--weight KG] [--out DIR] [--state FILE]`);
  process.exit(2);
}
const opts: EmulatorOptions = {};
const out = arg('--out');
if (out) {
  mkdirSync(out, { recursive: true });
  opts.outDir = out;
}
const state = arg('--state');
if (state) opts.stateFile = state;
const weight = arg('--weight');
if (weight) opts.weight = weight;

const tty = arg('--tty');
const tcp = arg('--tcp');
let close: () => Promise<void>;
if (tty) {
  const served = await serveOnSerial(factory, tty, opts);
  close = served.close;
  console.log(`${factory.kind} emulator on ${tty}`);
} else if (tcp) {
  const server = createServer((socket) => {
    const { emulator } = factory.create((bytes) => socket.write(bytes), opts);
    socket.on('data', (chunk: Buffer) => emulator.receive(new Uint8Array(chunk)));
    socket.on('error', () => {});
  });
  await new Promise<void>((res) => server.listen(Number(tcp), '127.0.0.1', res));
  const addr = server.address();
  console.log(`${factory.kind} emulator on tcp 127.0.0.1:${typeof addr === 'object' && addr ? addr.port : tcp}`);
  close = () => new Promise<void>((res) => server.close(() => res()));
} else {
  console.error('give --tty PATH or --tcp PORT');
  process.exit(2);
}

const stop = async () => {
  await close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
