// A bank statement for the exchange tests, as 1C's bank client writes it (Windows-1251, CRLF): one customer payment of
// 250.00 on 4 November 2026 into the shop's account.
import iconv from 'iconv-lite';

export const ONE_PAYMENT_STATEMENT = iconv.encode(
  [
    '1CClientBankExchange',
    'ВерсияФормата=1.03',
    'Кодировка=Windows',
    'ДатаНачала=04.11.2026',
    'ДатаКонца=04.11.2026',
    'РасчСчет=40702810900000000001',
    'СекцияДокумент=Платежное поручение',
    'Номер=88',
    'Дата=04.11.2026',
    'Сумма=250.00',
    'ПлательщикСчет=40702810100000000002',
    'ПолучательСчет=40702810900000000001',
    'ДатаПоступило=04.11.2026',
    'НазначениеПлатежа=Оплата по счету № 5',
    'КонецДокумента',
    'КонецФайла',
    '',
  ].join('\r\n'),
  'win1251',
);
