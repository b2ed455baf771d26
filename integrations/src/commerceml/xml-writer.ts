// Streams XML text to a file: chunks are batched in a small buffer and written through a
// WriteStream, waiting for 'drain' only when the stream says its buffer is full (backpressure).

import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

// XML 1.0 forbids most C0 control characters even when escaped; drop them.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeText(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** Cuts a text to at most `max` characters as XSD counts them (code points). */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cps = Array.from(s);
  return cps.length <= max ? s : cps.slice(0, max).join('');
}

/** `<name>text</name>` with the text escaped; nothing when the value is absent. */
export function el(name: string, value: string | undefined | null): string {
  if (value === undefined || value === null) return '';
  return `<${name}>${escapeText(value)}</${name}>`;
}

const FLUSH_AT = 64 * 1024;

export class XmlFileWriter {
  private readonly stream: WriteStream;
  private buffer = '';
  private failure: Error | null = null;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (e) => {
      this.failure = e;
    });
  }

  /** Appends raw (already escaped) markup; resolves at once unless the file stream is full. */
  write(markup: string): Promise<void> | void {
    this.buffer += markup;
    if (this.buffer.length >= FLUSH_AT) return this.flush();
  }

  private flush(): Promise<void> | void {
    if (this.failure) throw this.failure;
    if (!this.buffer) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) return this.drain();
  }

  private async drain(): Promise<void> {
    // events.once rejects if 'error' comes first and removes its listeners either way.
    await once(this.stream, 'drain');
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.failure) throw this.failure;
    if (!this.stream.closed) {
      const closed = once(this.stream, 'close');
      this.stream.end();
      await closed;
    }
    if (this.failure) throw this.failure;
  }

  /** Closes the file after a failure without masking the original error. */
  abort(): void {
    this.stream.destroy();
  }
}
