// TSPL printer emulator: runs the commands and writes each printed label as label-<n>.txt and .png.

import type { LabelEmulator, LabelEmulatorOptions } from '../zpl/emulator';
import type { LabelLayout } from '../layout';
import { writeLabel } from '../picture';
import { TsplDecoder } from './codec';

export function createTsplEmulator(opts: LabelEmulatorOptions): LabelEmulator {
  const decoder = new TsplDecoder(opts.dpi ?? 203);
  const labels: LabelLayout[] = [];
  return {
    kind: 'tspl',
    labels,
    receive(chunk: Uint8Array): void {
      for (const l of decoder.push(chunk)) {
        labels.push(l);
        if (opts.outDir) writeLabel(opts.outDir, labels.length, l);
        opts.onLabel?.(l, labels.length);
      }
    },
  };
}
