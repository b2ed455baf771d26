// Scale emulators: the device side of each scale codec, with a settable weight and injectable faults.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { DeviceEmulator } from '../codec';
import { fromAscii } from './frame-queue';
import { CAS, casWeightField, encodeCasWeightFrame } from './protocols/cas';
import { MASSAK, MASSAK_ERROR, encodeMassaKFrame, encodeMassaKWeight, massaKFrameDecoder } from './protocols/massak';
import { TOLEDO, TOLEDO_STATUS, encodeToledoStatus, encodeToledoWeight } from './protocols/toledo8217';
import { kgToGrams } from './weighing';

export interface ScaleEmulatorOptions {
  send: (bytes: Uint8Array) => void;
  /** JSON file keeping the weight and tare across emulator restarts. */
  stateFile?: string;
  /** Capacity in grams; more than this is overload. Default 15 kg. */
  capacityGrams?: number;
}

export interface ScaleEmulator extends DeviceEmulator {
  setWeight(kg: string): void;
  setStable(stable: boolean): void;
  /** Fault: stop answering (as if unplugged) until called with false. */
  setSilent(silent: boolean): void;
  /** Fault: the next answer is replaced by these bytes (line noise), default 8 random-looking bytes. */
  sendGarbageOnce(bytes?: Uint8Array): void;
  /** Fault: report overload regardless of the weight. */
  setOverload(overload: boolean): void;
  /** Everything the host sent, for assertions. */
  readonly received: Uint8Array[];
  readonly state: { grossGrams: number; tareGrams: number; stable: boolean };
}

abstract class BaseScaleEmulator implements ScaleEmulator {
  abstract readonly kind: string;
  readonly received: Uint8Array[] = [];
  readonly state = { grossGrams: 0, tareGrams: 0, stable: true };
  protected silent = false;
  protected overloadForced = false;
  private garbage: Uint8Array | undefined;
  protected readonly capacity: number;

  constructor(protected readonly opts: ScaleEmulatorOptions) {
    this.capacity = opts.capacityGrams ?? 15000;
    if (opts.stateFile && existsSync(opts.stateFile)) Object.assign(this.state, JSON.parse(readFileSync(opts.stateFile, 'utf8')));
  }

  protected save(): void {
    if (!this.opts.stateFile) return;
    writeFileSync(`${this.opts.stateFile}.tmp`, JSON.stringify(this.state));
    renameSync(`${this.opts.stateFile}.tmp`, this.opts.stateFile);
  }

  setWeight(kg: string): void {
    this.state.grossGrams = kgToGrams(kg);
    this.save();
  }
  setStable(stable: boolean): void {
    this.state.stable = stable;
    this.save();
  }
  setSilent(silent: boolean): void {
    this.silent = silent;
  }
  setOverload(overload: boolean): void {
    this.overloadForced = overload;
  }
  sendGarbageOnce(bytes = Uint8Array.of(0x7f, 0x13, 0x37, 0x55, 0xaa, 0x20, 0x31, 0x2e)): void {
    this.garbage = bytes;
  }

  receive(chunk: Uint8Array): void {
    this.received.push(chunk);
    this.handle(chunk);
    this.save();
  }

  protected abstract handle(chunk: Uint8Array): void;

  protected get netGrams(): number {
    return this.state.grossGrams - this.state.tareGrams;
  }
  protected get overloaded(): boolean {
    return this.overloadForced || this.state.grossGrams > this.capacity;
  }

  protected answer(bytes: Uint8Array): void {
    if (this.silent) return;
    if (this.garbage) {
      bytes = this.garbage;
      this.garbage = undefined;
    }
    this.opts.send(bytes);
  }
}

class CasEmulator extends BaseScaleEmulator {
  readonly kind = 'cas';
  protected handle(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (byte === CAS.ENQ) this.answer(Uint8Array.of(CAS.ACK));
      else if (byte === CAS.DC1) {
        const net = this.netGrams;
        const weight = this.overloaded ? '  OL  ' : casWeightField(Math.abs(net));
        this.answer(encodeCasWeightFrame({ stable: this.state.stable, negative: net < 0, weight }));
      }
    }
  }
}

class Toledo8217Emulator extends BaseScaleEmulator {
  readonly kind = 'toledo8217';
  protected handle(chunk: Uint8Array): void {
    for (const c of fromAscii(chunk)) {
      if (c === TOLEDO.MEASURE) {
        const net = this.netGrams;
        const netFlag = this.state.tareGrams !== 0 ? TOLEDO_STATUS.NET : 0;
        if (this.overloaded) this.answer(encodeToledoStatus(TOLEDO_STATUS.OVER_CAPACITY | netFlag));
        else if (net < 0) this.answer(encodeToledoStatus(TOLEDO_STATUS.UNDER_ZERO | netFlag));
        else if (!this.state.stable) this.answer(encodeToledoStatus(TOLEDO_STATUS.MOTION | netFlag));
        else if (net === 0) this.answer(encodeToledoStatus(TOLEDO_STATUS.CENTER_OF_ZERO | netFlag));
        else this.answer(encodeToledoWeight(net, netFlag !== 0));
      } else if (c === TOLEDO.ZERO) {
        this.state.tareGrams = 0;
        this.state.grossGrams = 0;
      } else if (c === TOLEDO.TARE) this.state.tareGrams = this.state.grossGrams;
      else if (c === TOLEDO.CLEAR) this.state.tareGrams = 0;
    }
  }
}

class MassaKEmulator extends BaseScaleEmulator {
  readonly kind = 'massak';
  private readonly decoder = massaKFrameDecoder();
  protected handle(chunk: Uint8Array): void {
    for (const frame of this.decoder.push(chunk)) {
      if (frame.command === MASSAK.CMD_GET_MASSA) {
        if (this.overloaded) this.answer(encodeMassaKFrame(MASSAK.CMD_ERROR, [MASSAK_ERROR.OVERLOAD]));
        else this.answer(encodeMassaKWeight({ grams: this.netGrams, stable: this.state.stable, net: this.state.tareGrams !== 0, zero: this.netGrams === 0 }));
      } else if (frame.command === MASSAK.CMD_SET_TARE && frame.data.length >= 4) {
        const tare = new DataView(frame.data.buffer, frame.data.byteOffset, 4).getInt32(0, true);
        if (tare < 0 || tare > this.capacity) this.answer(encodeMassaKFrame(MASSAK.CMD_NACK_TARE));
        else {
          this.state.tareGrams = tare;
          this.answer(encodeMassaKFrame(MASSAK.CMD_ACK_SET_TARE));
        }
      } else if (frame.command === MASSAK.CMD_SET_ZERO) {
        this.state.grossGrams = 0;
        this.state.tareGrams = 0;
        this.answer(encodeMassaKFrame(MASSAK.CMD_ACK_SET));
      } else this.answer(encodeMassaKFrame(MASSAK.CMD_ERROR, [MASSAK_ERROR.UNSUPPORTED_COMMAND]));
    }
  }
}

export const createCasEmulator = (opts: ScaleEmulatorOptions): ScaleEmulator => new CasEmulator(opts);
export const createToledo8217Emulator = (opts: ScaleEmulatorOptions): ScaleEmulator => new Toledo8217Emulator(opts);
export const createMassaKEmulator = (opts: ScaleEmulatorOptions): ScaleEmulator => new MassaKEmulator(opts);
