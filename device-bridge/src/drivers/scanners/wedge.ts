// Keyboard-wedge scan detection in the browser: a scanner types a burst of characters far faster than a person
// and ends with Enter. Pure: feed it {key, time} events (KeyboardEvent.key and timeStamp), no DOM needed.

export interface KeyEvent {
  key: string;
  /** Milliseconds, any monotonic origin (event.timeStamp). */
  time: number;
}

export type WedgeOutput = { type: 'scan'; code: string } | { type: 'typing'; key: string };

export interface WedgeOptions {
  /** Keys closer together than this belong to a scanner burst. */
  maxGapMs?: number;
  minLength?: number;
}

export class KeyboardWedgeDetector {
  private readonly maxGap: number;
  private readonly minLength: number;
  private buffer: KeyEvent[] = [];

  constructor(opts: WedgeOptions = {}) {
    this.maxGap = opts.maxGapMs ?? 35;
    this.minLength = opts.minLength ?? 4;
  }

  /** Returns what to act on now: a finished scan, or keys that turned out to be a person typing. */
  feed(ev: KeyEvent): WedgeOutput[] {
    const out: WedgeOutput[] = [];
    const last = this.buffer.at(-1);
    if (last && ev.time - last.time >= this.maxGap) out.push(...this.release());
    if (ev.key === 'Enter') {
      if (this.buffer.length >= this.minLength) {
        out.push({ type: 'scan', code: this.buffer.map((e) => e.key).join('') });
        this.buffer = [];
      } else {
        out.push(...this.release(), { type: 'typing', key: 'Enter' });
      }
      return out;
    }
    if (ev.key.length !== 1) {
      // Shift, arrows, Backspace: not part of a scan
      if (ev.key !== 'Shift') out.push(...this.release(), { type: 'typing', key: ev.key });
      return out;
    }
    this.buffer.push(ev);
    return out;
  }

  /** Call from a timer: keys held longer than the gap were typed by a person. */
  flush(now: number): WedgeOutput[] {
    const last = this.buffer.at(-1);
    return last && now - last.time >= this.maxGap ? this.release() : [];
  }

  private release(): WedgeOutput[] {
    const out = this.buffer.map((e): WedgeOutput => ({ type: 'typing', key: e.key }));
    this.buffer = [];
    return out;
  }
}
