// Password and PIN hashes: scrypt with a random salt, "scrypt$<saltHex>$<hashHex>" (N=16384, r=8, p=1, 32 bytes),
// the same format the till checks offline.

import { randomBytes, scryptSync, timingSafeEqual, createHash } from 'node:crypto';

export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export function verifySecret(secret: string, stored: string | null): boolean {
  if (!stored) return false;
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(secret, Buffer.from(saltHex, 'hex'), expected.length, { N: 16384, r: 8, p: 1 });
  return timingSafeEqual(actual, expected);
}

/** Finds a cashier by PIN without scanning every hash; the scrypt hash still decides. */
export function pinLookup(pin: string): string {
  return createHash('sha256').update(`kasa-pin:${pin}`).digest('hex');
}
