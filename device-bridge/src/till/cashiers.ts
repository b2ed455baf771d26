// The cashiers cache: who may log in at this till, checked offline against the scrypt PIN hash from the server.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { TillDatabase } from './database';

export interface Cashier {
  id: string;
  name: string;
  rights: string[];
  language: string;
}

export interface ServerCashier {
  id: string | number;
  name: string;
  pinHash: string;
  rights: string[];
  language: string;
}

const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** "scrypt$<saltHex>$<hashHex>", as the store server stores PINs; used by tests and emulators. */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  return `scrypt$${salt.toString('hex')}$${scryptSync(pin, salt, 32, SCRYPT).toString('hex')}`;
}

export function verifyPin(pin: string, pinHash: string): boolean {
  const [scheme, saltHex, hashHex] = pinHash.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  // The salt is the bytes its hex spells; a server that salts with the hex text itself is accepted too.
  for (const salt of [Buffer.from(saltHex, 'hex'), Buffer.from(saltHex, 'utf8')]) {
    const got = scryptSync(pin, salt, expected.length, SCRYPT);
    if (got.length === expected.length && timingSafeEqual(got, expected)) return true;
  }
  return false;
}

export class CashierCache {
  constructor(private readonly db: TillDatabase) {}

  /** The server's list is the whole truth: cashiers missing from it can no longer log in here. */
  replace(cashiers: ServerCashier[]): void {
    const insert = this.db.prepare('INSERT INTO cashiers(id, name, pin_hash, rights, language) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM cashiers').run();
      for (const c of cashiers) insert.run(String(c.id), c.name, c.pinHash, JSON.stringify(c.rights ?? []), c.language || 'en');
    })();
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM cashiers').get() as { n: number }).n;
  }

  byId(id: string): Cashier | undefined {
    const row = this.db
      .prepare(
        `SELECT c.id, c.name, c.rights, coalesce(l.language, c.language) AS language
         FROM cashiers c LEFT JOIN cashier_languages l ON l.cashier_id = c.id WHERE c.id = ?`,
      )
      .get(id) as { id: string; name: string; rights: string; language: string } | undefined;
    return row && { id: row.id, name: row.name, rights: JSON.parse(row.rights) as string[], language: row.language };
  }

  findByPin(pin: string): Cashier | undefined {
    const rows = this.db.prepare('SELECT id, pin_hash FROM cashiers').all() as { id: string; pin_hash: string }[];
    const hit = rows.find((r) => verifyPin(pin, r.pin_hash));
    return hit && this.byId(hit.id);
  }

  setLanguage(cashierId: string, language: string): void {
    this.db
      .prepare('INSERT INTO cashier_languages(cashier_id, language) VALUES (?, ?) ON CONFLICT(cashier_id) DO UPDATE SET language = excluded.language')
      .run(cashierId, language);
  }
}

/**
 * Largest discount a cashier may give, in percent of the line or receipt. Rights come from the server;
 * "till.discount:<percent>" sets it exactly, senior rights lift it, everyone else gets the house default.
 */
export function discountLimitPercent(rights: string[]): number {
  let limit = 10;
  for (const r of rights) {
    const m = /^till\.discount:(\d{1,3})$/.exec(r);
    if (m) limit = Math.max(limit, Number(m[1]));
    if (r === '*' || r === 'admin' || r === 'till.senior' || r === 'till.discount.any' || r === 'discounts.unlimited') limit = 100;
  }
  return Math.min(limit, 100);
}

/** Rights that include every till right: a senior cashier, an administrator. */
const SENIOR_RIGHTS = ['*', 'admin', 'till.senior'];

/** Whether a cashier may do what `right` guards (e.g. "till.refund": take goods back and pay money out). */
export function hasRight(rights: string[], right: string): boolean {
  return rights.includes(right) || rights.some((r) => SENIOR_RIGHTS.includes(r));
}
