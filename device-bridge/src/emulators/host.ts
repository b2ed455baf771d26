// Runs an emulator on the device end of a serial line: bytes from the line go to `receive`, answers go back out.
// The view exposes what the /emulators page shows (paper, journal, display) and the knobs it turns (weight, scan).
import { SerialPort } from 'serialport';
import type { DeviceEmulator } from '../drivers/codec';
import type { DeviceConfig, DeviceKind, SerialTransportConfig } from '../config/config';
import { openPtyPair, type PtyPair } from '../transports/pty-pair';

export interface EmulatorView {
  receipts?(): string[];
  labels?(): string[];
  journal?(): unknown[];
  display?(): string[];
  setWeight?(kg: string): void;
  scan?(code: string): void;
}

export interface EmulatorOptions {
  /** Printers and label printers write their output (text/PNG) here. */
  outDir?: string;
  /** Fiscal registers and scales keep their state here. */
  stateFile?: string;
  /** Scales: starting weight in kg ("1.234"). */
  weight?: string;
}

export interface EmulatorFactory {
  kind: DeviceKind;
  /** Line settings the real device uses; the bridge's device config gets the same. */
  line: Omit<SerialTransportConfig, 'type' | 'path'>;
  /** Driver options the device config should carry to talk to this emulator. */
  deviceOptions?: Record<string, unknown>;
  create(send: (bytes: Uint8Array) => void, opts: EmulatorOptions): { emulator: DeviceEmulator; view: EmulatorView };
}

export interface RunningEmulator {
  kind: DeviceKind;
  deviceId: string;
  devicePath: string;
  hostPath: string;
  view: EmulatorView;
  /** The device config pointing the bridge at the host end. */
  device: DeviceConfig;
  close(): Promise<void>;
}

/** Opens a serial line at `path` and serves the emulator on it. */
export async function serveOnSerial(factory: EmulatorFactory, path: string, opts: EmulatorOptions): Promise<{ view: EmulatorView; close(): Promise<void> }> {
  const port = new SerialPort({ path, baudRate: factory.line.baudRate, dataBits: factory.line.dataBits ?? 8, parity: factory.line.parity ?? 'none', autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  const { emulator, view } = factory.create((bytes) => {
    if (port.isOpen) port.write(Buffer.from(bytes));
  }, opts);
  port.on('data', (chunk: Buffer) => emulator.receive(new Uint8Array(chunk)));
  port.on('error', () => {});
  return {
    view,
    close: () => new Promise<void>((res) => (port.isOpen ? port.close(() => res()) : res())),
  };
}

/** A socat pty pair with the emulator on the device end; returns the device config for the host end. */
export async function startEmulatorOnPty(factory: EmulatorFactory, deviceId: string, opts: EmulatorOptions): Promise<RunningEmulator> {
  const pair: PtyPair = await openPtyPair();
  try {
    const served = await serveOnSerial(factory, pair.devicePath, opts);
    return {
      kind: factory.kind,
      deviceId,
      devicePath: pair.devicePath,
      hostPath: pair.hostPath,
      view: served.view,
      device: {
        id: deviceId,
        kind: factory.kind,
        name: `${factory.kind} emulator`,
        transport: { type: 'serial', path: pair.hostPath, ...factory.line },
        ...(factory.deviceOptions ? { options: factory.deviceOptions } : {}),
      },
      close: async () => {
        await served.close();
        await pair.close();
      },
    };
  } catch (e) {
    await pair.close();
    throw e;
  }
}
