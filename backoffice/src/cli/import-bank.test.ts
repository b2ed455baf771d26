// `kasa import-bank FILE --json` run as cron would: the bank's Windows-1251 file is booked, the second run books
// nothing, a cut-off file fails with one line and status 1 and leaves the books as they were; a file with one
// broken payment books the rest and lists the rejected one in the JSON line (issue 8).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { testDatabase } from '@kasa/db/testing';

/** A customer pays 1,500.50, we pay a supplier 2,000.00 (1–7 November 2026). */
const STATEMENT = [
  '1CClientBankExchange',
  'ВерсияФормата=1.03',
  'Кодировка=Windows',
  'ДатаНачала=01.11.2026',
  'ДатаКонца=07.11.2026',
  'РасчСчет=40702810900000000001',
  'СекцияДокумент=Платежное поручение',
  'Номер=15',
  'Дата=05.11.2026',
  'Сумма=1500.50',
  'ПлательщикСчет=40702810100000000002',
  'ПлательщикИНН=7701234567',
  'Плательщик1=ООО "Ромашка"',
  'ПолучательСчет=40702810900000000001',
  'ДатаПоступило=05.11.2026',
  'НазначениеПлатежа=Оплата по счету № 77',
  'КонецДокумента',
  'СекцияДокумент=Платежное поручение',
  'Номер=231',
  'Дата=06.11.2026',
  'Сумма=2000',
  'ПлательщикСчет=40702810900000000001',
  'ПолучательСчет=40702810500000000003',
  'Получатель1=ООО «Поставщик & Ко»',
  'ДатаСписано=06.11.2026',
  'НазначениеПлатежа=Оплата по договору поставки № 12',
  'КонецДокумента',
  'КонецФайла',
  '',
].join('\r\n');

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function kasa(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'backoffice/src/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, KASA_LANGUAGE: 'en', ...env }, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('kasa import-bank books a statement once and prints a one-line JSON summary', { timeout: 180_000 }, async () => {
  const db = await testDatabase('sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bank-cli-'));
  try {
    const env = { DATABASE_URL: db.url };
    const file = join(dir, 'kl_to_1c.txt');
    writeFileSync(file, iconv.encode(STATEMENT, 'win1251'));
    const first = await kasa(env, 'import-bank', file, '--json');
    assert.equal(first.code, 0, first.stderr);
    const s = JSON.parse(first.stdout.trim()) as Record<string, unknown>;
    // 1500.50 in, 2000.00 out; no rules yet, so both wait in the queue
    assert.deepEqual([s.imported, s.duplicates, s.rejected, s.queued, s.inMinor, s.outMinor], [2, 0, 0, 2, 150050, 200000]);
    const second = await kasa(env, 'import-bank', file, '--json');
    assert.deepEqual(JSON.parse(second.stdout.trim()).imported, 0);
    const text = await kasa(env, 'import-bank', file);
    assert.match(text.stdout, /imported before/);
    const cut = join(dir, 'cut.txt');
    writeFileSync(cut, iconv.encode(STATEMENT.replace('КонецФайла\r\n', '').replace('Номер=15', 'Номер=16'), 'win1251'));
    const broken = await kasa(env, 'import-bank', cut, '--json');
    assert.equal(broken.code, 1);
    assert.equal(broken.stderr.trim().split('\n').length, 1);
    assert.match(broken.stderr, /КонецФайла/);
    const n = await db.kysely.selectFrom('bank_operations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 2);

    // issue 8: the next week's file has one good payment and one with a comma amount on line 10
    const next = join(dir, 'kl_to_1c_next.txt');
    const nextWeek = STATEMENT.replace(/0[1-7]\.11\.2026/g, (d) => `1${d.slice(1)}`)
      .replace('Номер=15', 'Номер=16')
      .replace('Сумма=1500.50', 'Сумма=1 500,50');
    writeFileSync(next, iconv.encode(nextWeek, 'win1251'));
    const mixed = await kasa({ ...env, KASA_LANGUAGE: 'lv' }, 'import-bank', next, '--json');
    assert.equal(mixed.code, 0, mixed.stderr);
    assert.ok(mixed.stdout.trim(), mixed.stderr);
    const m = JSON.parse(mixed.stdout.trim()) as { imported: number; duplicates: number; rejected: number; rejections: Array<{ line: number; key: string; reason: string }> };
    assert.deepEqual([m.imported, m.duplicates, m.rejected], [1, 0, 1]);
    assert.deepEqual(m.rejections.map((r) => [r.line, r.key]), [[10, 'Сумма']]);
    // the reason in the language asked for
    assert.equal(m.rejections[0]!.reason, '10. rinda: "1 500,50" nav summa (cipari, punkts, ne vairāk kā divas zīmes aiz punkta).');
    const mixedAgain = await kasa(env, 'import-bank', next, '--json');
    assert.equal(mixedAgain.code, 0, mixedAgain.stderr);
    const m2 = JSON.parse(mixedAgain.stdout.trim()) as typeof m;
    assert.deepEqual([m2.imported, m2.duplicates, m2.rejected], [0, 1, 1]);
    const mixedText = await kasa(env, 'import-bank', next);
    assert.match(mixedText.stdout, /line 10 \(Сумма\): Line 10: "1 500,50" is not an amount/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
});
