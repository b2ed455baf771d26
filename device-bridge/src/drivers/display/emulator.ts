// Customer display emulator: a 2×20 screen in overwrite mode that understands both Epson and CD5220 commands.

import iconv from 'iconv-lite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceEmulator } from '../codec';
import { DisplayDecoder } from './codec';
import { DISPLAY_ICONV, type DisplayCodePage } from './protocols';

export interface DisplayEmulatorOptions {
  send: (bytes: Uint8Array) => void;
  /** When given, display.txt there always holds the two lines. */
  outDir?: string;
  columns?: number;
  onChange?: (lines: [string, string]) => void;
}

export interface DisplayEmulator extends DeviceEmulator {
  readonly lines: [string, string];
}

const CODE_PAGE_BY_N: Record<number, DisplayCodePage> = { 0: 'PC437', 17: 'PC866', 18: 'PC852', 25: 'WPC1257' };

export function createDisplayEmulator(opts: DisplayEmulatorOptions): DisplayEmulator {
  const cols = opts.columns ?? 20;
  const decoder = new DisplayDecoder();
  const screen: string[][] = [Array(cols).fill(' '), Array(cols).fill(' ')];
  let row = 0;
  let col = 0;
  let cp: DisplayCodePage = 'PC437';
  const lines = (): [string, string] => [(screen[0] as string[]).join(''), (screen[1] as string[]).join('')];
  const clear = (): void => {
    screen.forEach((r) => r.fill(' '));
    row = 0;
    col = 0;
  };
  return {
    kind: 'display',
    get lines() {
      return lines();
    },
    receive(chunk: Uint8Array): void {
      const cmds = decoder.push(chunk);
      for (const c of cmds) {
        if (c.type === 'init') {
          clear();
          cp = 'PC437';
        } else if (c.type === 'clear') clear();
        else if (c.type === 'codePage') cp = CODE_PAGE_BY_N[c.n] ?? cp;
        else if (c.type === 'cursor') {
          row = c.row;
          if (c.col !== undefined) col = c.col;
        } else if (c.type === 'lineEnd') col = 0;
        else if (c.type === 'text') {
          for (const ch of iconv.decode(Buffer.from(c.bytes), DISPLAY_ICONV[cp])) {
            if (col >= cols) {
              // overwrite mode: past the right end the cursor wraps to the other line's left end
              row = row === 0 ? 1 : 0;
              col = 0;
            }
            (screen[row] as string[])[col++] = ch;
          }
        }
      }
      if (cmds.length) {
        const l = lines();
        if (opts.outDir) {
          mkdirSync(opts.outDir, { recursive: true });
          writeFileSync(join(opts.outDir, 'display.txt'), l.join('\n') + '\n', 'utf8');
        }
        opts.onChange?.(l);
      }
    },
  };
}
