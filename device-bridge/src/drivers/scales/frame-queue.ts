// Feeds a transport's bytes through a streaming decoder and lets a driver await the next frame with a timeout.
// Shared by the scale, fiscal and payment drivers: every one of them is "send, then wait for a frame or give up".
import type { Transport } from '../../transports/transport';
import type { Decoder } from '../codec';

export class FrameQueue<Frame> {
  private frames: Frame[] = [];
  private wake: (() => void) | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    transport: Transport,
    private readonly decoder: Decoder<Frame>,
  ) {
    this.unsubscribe = transport.onData((chunk) => {
      this.frames.push(...this.decoder.push(chunk));
      this.wake?.();
    });
  }

  /** Drops frames and partial bytes left over from an earlier exchange (late answers, line noise). */
  clear(): void {
    this.frames = [];
    this.decoder.reset();
  }

  /** Resolves with the next frame matching `accept` (others are discarded), or undefined after `timeoutMs`. */
  next(timeoutMs: number, accept: (frame: Frame) => boolean = () => true): Promise<Frame | undefined> {
    return new Promise((resolve) => {
      const take = (): boolean => {
        while (this.frames.length) {
          const frame = this.frames.shift() as Frame;
          if (accept(frame)) {
            finish(frame);
            return true;
          }
        }
        return false;
      };
      const finish = (frame: Frame | undefined): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(frame);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      if (!take()) this.wake = () => void take();
    });
  }

  dispose(): void {
    this.unsubscribe();
    this.wake = undefined;
  }
}

export function concatBytes(...parts: ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
export const fromAscii = (bytes: ArrayLike<number>): string => String.fromCharCode(...Array.from(bytes));

/** One look at the head of a buffer: a frame ending at `end`, `drop` noise bytes, or wait for more bytes. */
export type ScanResult<Frame> = { frame: Frame; end: number } | { drop: number } | 'more';

/** Builds a streaming Decoder from a scanner that only ever looks at the start of the buffered bytes. */
export function scanningDecoder<Frame>(scan: (buf: Uint8Array) => ScanResult<Frame>, maxBuffer = 4096): Decoder<Frame> {
  let buf: Uint8Array = new Uint8Array(0);
  return {
    push(chunk) {
      buf = concatBytes(buf, chunk);
      const frames: Frame[] = [];
      while (buf.length) {
        const r = scan(buf);
        if (r === 'more') break;
        if ('drop' in r) buf = buf.slice(Math.max(1, r.drop));
        else {
          frames.push(r.frame);
          buf = buf.slice(r.end);
        }
      }
      if (buf.length > maxBuffer) buf = buf.slice(buf.length - maxBuffer);
      return frames;
    },
    reset() {
      buf = new Uint8Array(0);
    },
  };
}
