// The accountant downloads a statement from the bank client and imports it: a CP1251 file with CRLF
// lines, as banks write them. Broken files must say what is wrong and on which line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { DomainError } from '@kasa/domain';
import { parseAmountMinor, parseBankStatement } from './statement-file';
import { NOVEMBER_STATEMENT, OUR_ACCOUNT, statementBytes } from './fixtures';

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

test('broken files name the problem and the line', () => {
  const lines = NOVEMBER_STATEMENT.split('\r\n');
  const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix)) + 1;
  const bytes = (text: string) => statementBytes(text, 'win1251');

  // a comma amount on the first payment's Сумма line
  const sumLine = lines.findIndex((l) => l === 'Сумма=1500.50') + 1;
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Сумма=1500.50', 'Сумма=1500,50'))), failsWith('bank.amount_invalid', { line: sumLine }));

  // the first КонецДокумента is missing: the section opened on its line is reported
  const firstDoc = at('СекцияДокумент=');
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('КонецДокумента\r\n', ''))), failsWith('bank.section_unclosed', { line: firstDoc }));

  // the file was cut off in the middle of the last payment
  const cut = NOVEMBER_STATEMENT.slice(0, NOVEMBER_STATEMENT.lastIndexOf('КонецДокумента'));
  assert.throws(() => parseBankStatement(bytes(cut)), failsWith('bank.section_unclosed', { line: at('СекцияДокумент=Банковский ордер') }));

  // the account section never closes before the first payment
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('КонецРасчСчет\r\n', ''))), failsWith('bank.section_unclosed', { line: at('СекцияРасчСчет') }));

  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('КонецФайла\r\n', ''))), failsWith('bank.end_missing'));
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Дата=05.11.2026', 'Дата=31.02.2026'))), failsWith('bank.date_invalid', { key: 'Дата' }));
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('ВерсияФормата=1.03', 'ВерсияФормата=2.00'))), failsWith('bank.version_unsupported', { line: 2 }));
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Кодировка=Windows', 'Кодировка=UTF8'))), failsWith('bank.encoding_unknown', { value: 'UTF8', line: 3 }));
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Кодировка=Windows\r\n', ''))), failsWith('bank.encoding_unknown'));
  // a UTF-8 file is refused rather than decoded into nonsense
  assert.throws(() => parseBankStatement(Buffer.from(NOVEMBER_STATEMENT, 'utf8')), failsWith('bank.encoding_unknown', { value: 'UTF-8' }));
  assert.throws(() => parseBankStatement(iconv.encode('Выписка\r\nКодировка=Windows\r\n', 'win1251')), failsWith('bank.header_missing', { line: 1 }));
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Номер=15\r\n', 'Номер=15\r\nмусор без знака равенства\r\n'))), failsWith('bank.line_invalid', { line: at('Номер=15') + 1 }));
  assert.throws(() => parseBankStatement(bytes(NOVEMBER_STATEMENT.replace('Номер=15\r\n', ''))), failsWith('bank.field_missing', { key: 'Номер', line: firstDoc }));
});
