// The demo shop's people: user groups with their rights, the staff, suppliers and customers.
// Rights are `<document type>.<operation>` for documents, and the names the till and terminal check
// (`till.sell`, `till.refund`, `till.discount:<percent>`, `till.senior`, `terminal.use`).

import { DOCUMENT_TYPES, type DocumentOperation, type DocumentType } from '@kasa/domain';

const ALL_OPS: DocumentOperation[] = ['view', 'edit', 'submit', 'approve', 'post', 'dispatch', 'storno', 'annul', 'close'];

const docRights = (types: readonly DocumentType[], ops: readonly DocumentOperation[]) => types.flatMap((t) => ops.map((o) => `${t}.${o}`));

const CATALOGUE_RIGHTS = ['catalogue.view', 'catalogue.edit', 'prices.view', 'prices.edit', 'partners.view', 'partners.edit', 'stock.view', 'reports.view'];

const CASHIER_RIGHTS = ['till.sell', 'sale.view', 'sale.post', 'catalogue.view'];

export interface DemoUserGroup {
  code: string;
  name: string;
  rights: string[];
}

export const DEMO_USER_GROUPS: DemoUserGroup[] = [
  { code: 'admin', name: 'Administrators', rights: ['*'] },
  { code: 'manager', name: 'Veikala vadītājs', rights: [...docRights(DOCUMENT_TYPES, ALL_OPS), ...CATALOGUE_RIGHTS, 'recipe.edit', 'users.view', 'users.edit', 'settings.edit', 'shop.admin', 'terminal.use'] },
  {
    code: 'storekeeper',
    name: 'Noliktavas pārzinis',
    rights: [
      ...docRights(['receiving', 'transfer', 'write_off', 'stocktake', 'surplus', 'shortage'], ['view', 'edit', 'submit', 'post', 'dispatch', 'annul']),
      // production runs and cuttings from the handheld (bakery floor, cutting room); tech cards stay with the manager
      'production.view',
      'production.post',
      'supplier_order.view',
      'catalogue.view',
      'stock.view',
      'terminal.use',
    ],
  },
  { code: 'accountant', name: 'Grāmatvede', rights: ['bank.*', 'exchange.*', 'cash.edit', 'reports.view', 'partners.view', 'stock.view', 'catalogue.view', ...docRights(DOCUMENT_TYPES, ['view'])] },
  // Only a senior cashier takes goods back (sale_return) or overrides prices.
  { code: 'cashier', name: 'Kasieris', rights: CASHIER_RIGHTS },
  {
    code: 'senior_cashier',
    name: 'Vecākais kasieris',
    rights: [...CASHIER_RIGHTS, 'sale_return.view', 'sale_return.post', 'till.refund', 'till.price', 'till.cancel_paid', 'till.discount:100', 'till.senior'],
  },
];

export interface DemoUser {
  username: string;
  name: string;
  group: string;
  password?: string;
  pin?: string;
  language: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', name: 'Administrators', group: 'admin', password: 'admin', language: 'en' },
  { username: 'manager', name: 'Līga Kalniņa', group: 'manager', password: 'manager', language: 'en' },
  { username: 'storekeeper', name: 'Pēteris Ozols', group: 'storekeeper', password: 'storekeeper', language: 'en' },
  { username: 'accountant', name: 'Inese Bērziņa', group: 'accountant', password: 'accountant', language: 'en' },
  { username: 'anna', name: 'Anna', group: 'cashier', pin: '1111', language: 'lv' },
  { username: 'janis', name: 'Jānis', group: 'senior_cashier', pin: '2222', language: 'lv' },
];

export interface DemoPartner {
  code: string;
  name: string;
  /** Latvian company registration number (11 digits); the VAT number is LV + it. */
  regNo: string;
  /** Bank code of the IBAN (HABA Swedbank, UNLA SEB, PARX Citadele, RIKO Luminor). */
  bank: string;
  kind: 'supplier' | 'customer';
  wholesale?: boolean;
}

export const DEMO_PARTNERS: DemoPartner[] = [
  { code: 'S-MAIZE', name: 'SIA "Latvijas Maiznieks"', regNo: '40003012345', bank: 'HABA', kind: 'supplier' },
  { code: 'S-PIENS', name: 'AS "Rīgas Piena Kombināts"', regNo: '40003023456', bank: 'UNLA', kind: 'supplier' },
  { code: 'S-GALA', name: 'SIA "Baltijas Gaļa"', regNo: '40103034567', bank: 'PARX', kind: 'supplier' },
  { code: 'S-DARZS', name: 'SIA "Zemnieku Dārzs"', regNo: '40103045678', bank: 'HABA', kind: 'supplier' },
  { code: 'S-BAKALEJA', name: 'SIA "Bakalejas Serviss"', regNo: '40003056789', bank: 'RIKO', kind: 'supplier' },
  { code: 'S-LAIMA', name: 'AS "Orkla Confectionery & Snacks Latvija"', regNo: '40003067890', bank: 'UNLA', kind: 'supplier' },
  { code: 'S-SALDETAVA', name: 'SIA "Ziemeļu Saldētava"', regNo: '40103078901', bank: 'HABA', kind: 'supplier' },
  { code: 'S-DZERIENI', name: 'SIA "Dzērienu Nams"', regNo: '40003089012', bank: 'PARX', kind: 'supplier' },
  { code: 'S-ALKO', name: 'SIA "Amber Beverage Distribution"', regNo: '40003090123', bank: 'UNLA', kind: 'supplier' },
  { code: 'S-TABAKA', name: 'SIA "Tabakas Tirdzniecība"', regNo: '40103101234', bank: 'RIKO', kind: 'supplier' },
  { code: 'S-TIRIBA', name: 'SIA "Tīrības Pasaule"', regNo: '40103112345', bank: 'HABA', kind: 'supplier' },
  { code: 'C-ZITARI', name: 'SIA "Kafejnīca Zītari"', regNo: '40203123456', bank: 'HABA', kind: 'customer', wholesale: true },
  { code: 'C-DAUGAVA', name: 'SIA "Viesnīca Daugava"', regNo: '40203134567', bank: 'UNLA', kind: 'customer', wholesale: true },
  { code: 'C-SKOLA', name: 'Rīgas 45. vidusskola', regNo: '90000145678', bank: 'PARX', kind: 'customer' },
  { code: 'C-BERZINS', name: 'Jāņa Bērziņa IK', regNo: '40002156789', bank: 'HABA', kind: 'customer', wholesale: true },
];

/** ISO 13616 IBAN for a Latvian account: LVkk BBBB + 13 digits, check digits by mod 97. */
export function latvianIban(bank: string, account13: string): string {
  const bban = `${bank}${account13}`;
  const digits = [...`${bban}LV00`].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');
  const check = 98n - (BigInt(digits) % 97n);
  return `LV${String(check).padStart(2, '0')}${bban}`;
}

/** True when an IBAN's check digits hold (ISO 7064 mod 97-10). */
export function validIban(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  const digits = [...moved].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');
  return BigInt(digits) % 97n === 1n;
}
