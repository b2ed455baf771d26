// The accountant downloads a statement from the bank client and imports it: a CP1251 file with CRLF
// lines, as banks write them. A broken file must say what is wrong and on which line; a broken payment in a sound
// file is set aside with its line and the rest is read.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { DomainError } from '@kasa/domain';
import { parseAmountMinor, parseBankStatement } from './statement-file';
import { NOVEMBER_STATEMENT, OUR_ACCOUNT, STATEMENT_WITH_BROKEN_PAYMENTS, statementBytes } from './fixtures';

function failsWith(code: string, params: Record<string, unknown> = {}) {
  return (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected DomainError, got ${String(e)}`);
    assert.equal(e.code, code);
    for (const [k, v] of Object.entries(params)) assert.equal(e.params[k], v, `param ${k}`);
    return true;
  };
}

test('a CP1251 statement is read with its header, account section and four payments', () => {
  const st = parseBankStatement(statementBytes(NOVEMBER_STATEMENT, 'win1251'));
  assert.equal(st.header.formatVersion, '1.03');
  assert.equal(st.header.encoding, 'Windows');
  assert.equal(st.header.sender, 'Бухгалтерия предприятия, редакция 3.0');
  assert.equal(st.header.recipient, 'Сбербанк Бизнес Онлайн');
  assert.equal(st.header.createdDate, '2026-11-08');
  assert.equal(st.header.periodFrom, '2026-11-01');
  assert.equal(st.header.periodTo, '2026-11-07');
  assert.deepEqual(st.header.accounts, [OUR_ACCOUNT]);

  assert.equal(st.accountSections.length, 1);
  const acc = st.accountSections[0]!;
  assert.equal(acc.openingBalanceMinor, 1_000_000); // 10000.00
  assert.equal(acc.totalInMinor, 150_050); // 1500.50
  assert.equal(acc.totalOutMinor, 245_075); // 2000 + 300.75 + 150.00
  assert.equal(acc.closingBalanceMinor, 904_975); // 10000.00 + 1500.50 − 2450.75

  assert.equal(st.documents.length, 4);
  const [income, supplier, tax, fee] = st.documents;
  assert.equal(income!.kind, 'Платежное поручение');
  assert.equal(income!.number, '15');
  assert.equal(income!.date, '2026-11-05');
  assert.equal(income!.amountMinor, 150_050);
  assert.equal(income!.payer.name, 'ООО "Ромашка"');
  assert.equal(income!.payer.taxNumber, '7701234567');
  assert.equal(income!.creditedDate, '2026-11-05');
  assert.equal(income!.purpose, 'Оплата по счету № 77 от 01.11.2026 за товары, в т.ч. НДС 20% - 250.08');
  assert.equal(supplier!.recipient.name, 'ООО «Поставщик & Ко»');
  assert.equal(supplier!.amountMinor, 200_000);
  assert.equal(tax!.amountMinor, 30_075);
  assert.equal(fee!.kind, 'Банковский ордер');
  // the purpose split into НазначениеПлатежа1..2 is joined
  assert.equal(fee!.purpose, 'Комиссия за ведение счета за октябрь 2026');
  assert.equal(fee!.fields['Очередность'], '5');
});

test('a CP866 (DOS) statement decodes the same Cyrillic', () => {
  const st = parseBankStatement(statementBytes(NOVEMBER_STATEMENT.replace('Кодировка=Windows', 'Кодировка=DOS'), 'cp866'));
  assert.equal(st.header.encoding, 'DOS');
  // CP866 has no « », so check names made of letters it does have
  assert.equal(st.documents[0]!.payer.name, 'ООО "Ромашка"');
  assert.equal(st.documents[2]!.recipient.name, 'Казначейство России (ФНС России)');
  assert.equal(st.accountSections[0]!.closingBalanceMinor, 904_975);
});

test('amounts become kopecks exactly', () => {
  assert.equal(parseAmountMinor('0.1'), 10);
  assert.equal(parseAmountMinor('1234567.89'), 123_456_789);
  assert.equal(parseAmountMinor('0.29'), 29); // 0.29 * 100 is 28.999999999999996 in floats
  assert.equal(parseAmountMinor('1500'), 150_000);
  assert.equal(parseAmountMinor('-5.5'), -550);
  assert.throws(() => parseAmountMinor('1 500,00', 12, 'Сумма'), failsWith('bank.amount_invalid', { line: 12, key: 'Сумма' }));
  assert.throws(() => parseAmountMinor('10.001'), failsWith('bank.amount_invalid'));
});

test('a broken envelope refuses the whole file, naming the problem and the line', () => {
  const lines = NOVEMBER_STATEMENT.split('\r\n');
  const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix)) + 1;
  const bytes = (text: string) => statementBytes(text, 'win1251');

  // the file was cut off in the middle of the last payment: refused, the open section named
  const cut = NOVEMBER_STATEMENT.slice(0, NOVEMBER_STATEMENT.lastIndexOf('КонецДокумента'));
  assert.throws(() => parseBankStatement(bytes(cut)), failsWith('bank.end_missing', { section: at('СекцияДокумент=Банковский ордер') }));

  // the account section never closes before the first payment
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('КонецРасчСчет\r\n', ''))), failsWith('bank.section_unclosed', { line: at('СекцияРасчСчет') }));

  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('КонецФайла\r\n', ''))), failsWith('bank.end_missing'));
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('ВерсияФормата=1.03', 'ВерсияФормата=2.00'))), failsWith('bank.version_unsupported', { line: 2 }));
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Кодировка=Windows', 'Кодировка=UTF8'))), failsWith('bank.encoding_unknown', { value: 'UTF8', line: 3 }));
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Кодировка=Windows\r\n', ''))), failsWith('bank.encoding_unknown'));
  // a UTF-8 file is refused rather than decoded into nonsense
  assert.throws(() => parseBankStatement(Buffer.from(NOVEMBER_STATEMENT, 'utf8')), failsWith('bank.encoding_unknown', { value: 'UTF-8' }));
  // a Windows-1251 file with one purpose pasted in UTF-8: refused at that line, nothing read
  const purposeLine = at('НазначениеПлатежа=Оплата по счету');
  const mixed = Buffer.concat([
    bytes(lines.slice(0, purposeLine - 1).join('\r\n') + '\r\n'),
    Buffer.from(lines[purposeLine - 1]! + '\r\n', 'utf8'),
    bytes(lines.slice(purposeLine).join('\r\n')),
  ]);
  assert.throws(() => parseBankStatement(mixed), failsWith('bank.encoding_invalid', { line: purposeLine, value: 'UTF-8' }));
  // 0x98 is no character in Windows-1251
  const holed = Buffer.concat([bytes(lines.slice(0, 4).join('\r\n') + '\r\n'), Buffer.from([0x41, 0x98, 0x0d, 0x0a]), bytes(lines.slice(4).join('\r\n'))]);
  assert.throws(() => parseBankStatement(holed), failsWith('bank.encoding_invalid', { line: 5 }));
  assert.throws(() => parseBankStatement(iconv.encode('Выписка\r\nКодировка=Windows\r\n', 'win1251')), failsWith('bank.header_missing', { line: 1 }));
  // the header must name the period and the account before the first section
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('ДатаКонца=07.11.2026\r\nРасчСчет', 'РасчСчет'))), failsWith('bank.header_field_missing', { key: 'ДатаКонца', line: at('СекцияРасчСчет') - 1 }));
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('ВерсияФормата=1.03\r\n', ''))), failsWith('bank.header_field_missing', { key: 'ВерсияФормата' }));
  // a line without "=" outside any payment breaks the envelope
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Кодировка=Windows\r\n', 'Кодировка=Windows\r\nмусор\r\n'))), failsWith('bank.line_invalid', { line: 4 }));
});

test('broken payments are rejected one by one with line, key and reason; the good ones are read', () => {
  const st = parseBankStatement(statementBytes(STATEMENT_WITH_BROKEN_PAYMENTS, 'win1251'));
  assert.deepEqual(
    st.documents.map((d) => [d.line, d.number, d.amountMinor]),
    [
      [9, '41', 70_000],
      [46, '7', 350],
    ],
  );
  assert.deepEqual(
    st.rejected.map((r) => [r.line, r.sectionLine, r.number ?? null, r.key, r.code]),
    [
      [19, 19, null, 'Номер', 'bank.field_missing'],
      [27, 25, '42', 'Дата', 'bank.date_invalid'],
      [34, 31, '43', 'Сумма', 'bank.amount_invalid'],
      [37, 37, '44', 'СекцияДокумент', 'bank.document_kind_unknown'],
      [42, 42, '45', 'КонецДокумента', 'bank.section_unclosed'],
    ],
  );
  assert.equal(st.rejected[2]!.params.value, '1 500,00');
  assert.equal(st.rejected[3]!.params.value, 'Аккредитив');

  // in the November file: a stray line inside a payment, a missing КонецДокумента, a bad date, no Номер
  const lines = NOVEMBER_STATEMENT.split('\r\n');
  const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix)) + 1;
  const bytes = (text: string) => statementBytes(text, 'win1251');
  const firstDoc = at('СекцияДокумент=');
  const stray = parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Номер=15\r\n', 'Номер=15\r\nмусор без знака равенства\r\n')));
  assert.deepEqual(stray.rejected.map((r) => [r.line, r.code, r.number]), [[at('Номер=15') + 1, 'bank.line_invalid', '15']]);
  assert.equal(stray.documents.length, 3);
  const unclosed = parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('КонецДокумента\r\n', '')));
  assert.deepEqual(unclosed.rejected.map((r) => [r.line, r.code]), [[firstDoc, 'bank.section_unclosed']]);
  assert.deepEqual(unclosed.documents.map((d) => d.number), ['000231', '232', '9']);
  const badDate = parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Дата=05.11.2026', 'Дата=31.02.2026')));
  assert.deepEqual(badDate.rejected.map((r) => [r.line, r.key, r.code]), [[at('Дата=05.11.2026'), 'Дата', 'bank.date_invalid']]);
  const noNumber = parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Номер=15\r\n', '')));
  assert.deepEqual(noNumber.rejected.map((r) => [r.line, r.key, r.code]), [[firstDoc, 'Номер', 'bank.field_missing']]);
  // a good file has nothing rejected
  assert.deepEqual(parseBankStatement(bytes(NOVEMBER_STATEMENT)).rejected, []);
});
