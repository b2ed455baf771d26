// Weight reads per second for each scale protocol over a socat pty pair, against what the protocol's own line allows:
// the request and answer bytes of one reading at the protocol's baud rate and framing give the most reads a real
// wire can carry. A pty ignores the baud rate, so the measured rate shows the driver's and emulator's own cost per
// reading (a timer-free request/answer loop), and the ratio can be far above 100 %.
import { performance } from 'node:perf_hooks';
import { openPtyPair } from '@kasa/device-bridge';
import { SerialTransport } from '../../../device-bridge/src/transports/serial';
import {
  ScaleDriver,
  casProtocol,
  createCasEmulator,
  createMassaKEmulator,
  createToledo8217Emulator,
  encodeCasWeightFrame,
  casWeightField,
  encodeMassaKWeight,
  encodeToledoWeight,
  kgToGrams,
  massaKProtocol,
  toledo8217Protocol,
  type ScaleEmulator,
  type ScaleEmulatorOptions,
  type ScaleProtocol,
} from '../../../device-bridge/src/drivers/scales';
import { maxRoundTripsPerSecond } from './line-rate';

export interface ScaleBenchCase {
  label: string;
  protocol: ScaleProtocol;
  createEmulator: (o: ScaleEmulatorOptions) => ScaleEmulator;
  /** Bytes of one reading both ways, at the bench weight: the request steps plus the scale's answers. */
  roundTripBytes: (grams: number) => number;
}

const requestBytes = (p: ScaleProtocol) => p.measure.reduce((n, s) => n + s.send.length, 0);

export const SCALE_CASES: ScaleBenchCase[] = [
  // ENQ → ACK, DC1 → 15-byte weight frame: 18 bytes
  {
    label: 'CAS',
    protocol: casProtocol,
    createEmulator: createCasEmulator,
    roundTripBytes: (g) =>
      requestBytes(casProtocol) +
      1 +
      encodeCasWeightFrame({ stable: true, negative: false, weight: casWeightField(g) }).length,
  },
  // W → STX "001.235" CR: 10 characters
  {
    label: 'Toledo 8217',
    protocol: toledo8217Protocol,
    createEmulator: createToledo8217Emulator,
    roundTripBytes: (g) => requestBytes(toledo8217Protocol) + encodeToledoWeight(g).length,
  },
  // CMD_GET_MASSA frame (8 bytes) → CMD_ACK_MASSA frame (16 bytes): 24 bytes
  {
    label: 'Massa-K',
    protocol: massaKProtocol,
    createEmulator: createMassaKEmulator,
    roundTripBytes: (g) =>
      requestBytes(massaKProtocol) + encodeMassaKWeight({ grams: g, stable: true, net: false, zero: false }).length,
  },
];

export interface ScaleReadsResult {
  label: string;
  serial: string;
  reads: number;
  seconds: number;
  readsPerSecond: number;
  roundTripBytes: number;
  protocolMaxReadsPerSecond: number;
  ratioPercent: number;
  /** Readings whose grams or stable flag differ from the emulator's weight (must be 0). */
  wrongReadings: number;
  firstWrong?: string;
}

export async function runScaleReadsBench(
  c: ScaleBenchCase,
  opts: { seconds: number; maxReads?: number; weightKg?: string },
): Promise<ScaleReadsResult> {
  const weightKg = opts.weightKg ?? '1.235';
  const grams = kgToGrams(weightKg);
  const s = c.protocol.serial;
  const pty = await openPtyPair();
  const line = { baudRate: s.baudRate, dataBits: s.dataBits, parity: s.parity, stopBits: s.stopBits } as const;
  const device = new SerialTransport({ type: 'serial', path: pty.devicePath, ...line });
  const host = new SerialTransport({ type: 'serial', path: pty.hostPath, ...line });
  let driver: ScaleDriver | undefined;
  try {
    await device.open();
    await host.open();
    const emulator = c.createEmulator({ send: (b) => void device.write(b) });
    emulator.setWeight(weightKg);
    emulator.setStable(true);
    device.onData((chunk) => emulator.receive(chunk));
    driver = new ScaleDriver(host, c.protocol);
    // One untimed reading opens the dialogue (first bytes through a fresh pty).
    await driver.readWeight();

    let reads = 0;
    let wrongReadings = 0;
    let firstWrong: string | undefined;
    const start = performance.now();
    const until = start + opts.seconds * 1000;
    do {
      const r = await driver.readWeight();
      reads++;
      if (r.status !== 'ok' || r.grams !== grams || !r.stable) {
        wrongReadings++;
        firstWrong ??= JSON.stringify(r);
      }
    } while (performance.now() < until && reads < (opts.maxReads ?? Infinity));
    const seconds = (performance.now() - start) / 1000;

    const roundTripBytes = c.roundTripBytes(grams);
    const protocolMaxReadsPerSecond = maxRoundTripsPerSecond(line, roundTripBytes);
    const readsPerSecond = reads / seconds;
    return {
      label: c.label,
      serial: `${s.baudRate} ${s.dataBits}${s.parity[0]!.toUpperCase()}${s.stopBits}`,
      reads,
      seconds,
      readsPerSecond,
      roundTripBytes,
      protocolMaxReadsPerSecond,
      ratioPercent: Math.round((readsPerSecond / protocolMaxReadsPerSecond) * 100),
      wrongReadings,
      ...(firstWrong ? { firstWrong } : {}),
    };
  } finally {
    driver?.dispose();
    await host.close().catch(() => undefined);
    await device.close().catch(() => undefined);
    await pty.close();
  }
}
