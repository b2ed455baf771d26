// Real serial plumbing for driver tests and the emulator runner: a socat pseudo-terminal pair and a
// minimal serialport-backed Transport. (The bridge's production serial transport lives in transports/.)
import { spawn, type ChildProcess } from 'node:child_process';
import { SerialPort } from 'serialport';
import type { Transport, TransportStatus } from '../../transports/transport';

export interface PtyPair {
  a: string;
  b: string;
  close(): Promise<void>;
}

/** Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and resolves with the two /dev/pts paths. */
export function openPtyPair(): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const paths: string[] = [];
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      for (const m of stderr.matchAll(/PTY is (\/dev\/pts\/\d+)/g)) if (m[1] && !paths.includes(m[1])) paths.push(m[1]);
      if (paths.length === 2 && /starting data transfer loop/.test(stderr)) {
        child.stderr?.removeAllListeners('data');
        child.stderr?.resume();
        resolve({
          a: paths[0]!,
          b: paths[1]!,
          close: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (paths.length < 2) reject(new Error(`socat exited with ${code}: ${stderr}`));
    });
  });
}

export interface SerialOptions {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
}

export class SerialPortTransport implements Transport {
  readonly kind = 'serial' as const;
  private readonly port: SerialPort;
  private readonly listeners = new Set<(chunk: Uint8Array) => void>();
  private lastError: string | undefined;

  constructor(private readonly options: SerialOptions) {
    this.port = new SerialPort({ ...options, autoOpen: false });
    this.port.on('data', (d: Buffer) => {
      const chunk = new Uint8Array(d);
      for (const l of this.listeners) l(chunk);
    });
    this.port.on('error', (e: Error) => (this.lastError = e.message));
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => this.port.open((e) => (e ? reject(e) : resolve())));
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) =>
      this.port.write(Buffer.from(bytes), (e) => (e ? reject(e) : this.port.drain((e2) => (e2 ? reject(e2) : resolve())))),
    );
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }

  status(): TransportStatus {
    return { open: this.port.isOpen, address: `${this.options.path}@${this.options.baudRate}`, error: this.lastError };
  }
}
