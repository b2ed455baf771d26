// The writer must hand chunks to the file and make the exporter wait when the disk is slower than
// the database, instead of piling the whole document up in memory.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clip, escapeAttr, escapeText, XmlFileWriter } from './xml-writer';

test('a long document is written in chunks and the writer asks the caller to wait', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kasa-xmlw-'));
  try {
    const out = new XmlFileWriter(join(dir, 'big.xml'));
    const piece = `<Товар>${'x'.repeat(1000)}</Товар>\n`;
    let waits = 0;
    for (let i = 0; i < 1000; i++) {
      const pending = out.write(piece);
      if (pending) {
        waits++;
        await pending;
      }
    }
    await out.close();
    // 1000 pieces of 1 017 characters: a flush every 64 KiB (about every 65th piece), each a wait
    assert.ok(waits >= 10 && waits <= 20, `waited ${waits} times`);
    const text = await readFile(join(dir, 'big.xml'), 'utf8');
    assert.equal(text.length, 1000 * piece.length);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('text and attributes are escaped and control characters dropped', () => {
  assert.equal(escapeText('Piens & <maize> "Rīga"\u0001'), 'Piens &amp; &lt;maize&gt; "Rīga"');
  assert.equal(escapeAttr(`Chléb "Šumava" 'bio'\n`), 'Chléb &quot;Šumava&quot; &apos;bio&apos;&#10;');
  // clipped by characters, not UTF-16 units: an emoji is one character
  assert.equal(clip('ab😀cd', 3), 'ab😀');
});
