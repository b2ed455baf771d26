// A pair of connected pseudo-terminals made by socat: what one end writes, the other reads, like a null-modem cable.
// Emulators sit on one end, drivers on the other.
import { spawn, type ChildProcess } from 'node:child_process';

export interface PtyPair {
  /** Host end: where the driver (bridge) opens its serial port. */
  hostPath: string;
  /** Device end: where the emulator listens. */
  devicePath: string;
  close(): Promise<void>;
}

export interface PtyPairOptions {
  /** Stable symlinks for the two ends (socat `link=`), e.g. ".bridge/tty/escpos-host". */
  hostLink?: string;
  deviceLink?: string;
  timeoutMs?: number;
}

export function openPtyPair(opts: PtyPairOptions = {}): Promise<PtyPair> {
  const side = (link?: string) => `pty,raw,echo=0${link ? `,link=${link}` : ''}`;
  const child: ChildProcess = spawn('socat', ['-d', '-d', side(opts.hostLink), side(opts.deviceLink)], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    const paths: string[] = [];
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`socat did not report two ptys: ${stderr.trim()}`));
    }, opts.timeoutMs ?? 5000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start socat: ${err.message}`));
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      stderr += text;
      for (const m of text.matchAll(/PTY is (\/dev\/pts\/\d+)/g)) paths.push(m[1]!);
      if (paths.length === 2 && /starting data transfer loop/.test(stderr)) {
        clearTimeout(timer);
        child.stderr!.removeAllListeners('data');
        child.stderr!.resume();
        const exited = new Promise<void>((res) => child.once('exit', () => res()));
        resolve({
          hostPath: opts.hostLink ?? paths[0]!,
          devicePath: opts.deviceLink ?? paths[1]!,
          close: async () => {
            if (child.exitCode === null && child.signalCode === null) {
              child.kill('SIGTERM');
              await exited;
            }
          },
        });
      }
    });
    child.once('exit', (code) => {
      if (paths.length < 2) {
        clearTimeout(timer);
        reject(new Error(`socat exited (${code}): ${stderr.trim()}`));
      }
    });
  });
}
