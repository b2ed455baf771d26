// A small streaming ZIP writer (deflate, data descriptors, no ZIP64): each entry's bytes are compressed and sent
// as they arrive, so a workbook of a long report never sits in memory whole. Limit: 4 GB per entry.

import { constants, createDeflateRaw } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of `data`, continuing from the CRC of what came before. */
export function crc32(data: Uint8Array, previous = 0): number {
  let c = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  /** The entry's bytes, as one buffer or as chunks arriving over time. */
  data: Buffer | AsyncIterable<Buffer | string>;
}

const UTF8_AND_DESCRIPTOR = 0x0808; // bit 11: UTF-8 names; bit 3: sizes and CRC follow the data

function dosTime(at: Date): [number, number] {
  return [(at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2), ((at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate()];
}

async function* chunksOf(data: ZipEntry['data']): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(data)) {
    yield data;
    return;
  }
  for await (const c of data) yield typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
}

/** Deflates chunks one after another, flushing after each so its compressed bytes can be sent at once. */
async function* deflated(chunks: AsyncIterable<Buffer>, onRaw: (b: Buffer) => void): AsyncGenerator<Buffer> {
  const z = createDeflateRaw();
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const take = () => out.splice(0, out.length);
  for await (const c of chunks) {
    onRaw(c);
    z.write(c);
    await new Promise<void>((resolve) => z.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    yield* take();
  }
  await new Promise<void>((resolve, reject) => {
    z.once('end', resolve);
    z.once('error', reject);
    z.end();
  });
  yield* take();
}

/** The ZIP file of the entries, as a stream of buffers. */
export async function* zipStream(entries: ZipEntry[], at = new Date()): AsyncGenerator<Buffer> {
  const [time, date] = dosTime(at);
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_AND_DESCRIPTOR, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt16LE(name.length, 26);
    yield Buffer.concat([local, name]);
    let crc = 0;
    let size = 0;
    let packed = 0;
    for await (const b of deflated(chunksOf(e.data), (raw) => {
      crc = crc32(raw, crc);
      size += raw.length;
    })) {
      packed += b.length;
      yield b;
    }
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(packed, 8);
    descriptor.writeUInt32LE(size, 12);
    yield descriptor;
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(UTF8_AND_DESCRIPTOR, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt16LE(time, 12);
    c.writeUInt16LE(date, 14);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(packed, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += local.length + name.length + packed + descriptor.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  yield Buffer.concat([cd, end]);
}

/** The whole ZIP in one buffer (small files, tests). */
export async function zip(entries: ZipEntry[], at = new Date()): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of zipStream(entries, at)) parts.push(b);
  return Buffer.concat(parts);
}
