// The bridge's configuration file: where it listens, its access token and the devices it drives.
// The file is JSON (default `.bridge/config.json` under the repo root); the token is made on first start.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '@kasa/domain';

export const DEVICE_KINDS = ['escpos', 'zpl', 'tspl', 'cas', 'toledo8217', 'massak', 'shtrih', 'display', 'scanner', 'payment'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export type SerialTransportConfig = {
  type: 'serial';
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits?: 1 | 1.5 | 2;
};
export type TcpTransportConfig = { type: 'tcp'; host: string; port: number };
export type UsbTransportConfig = { type: 'usb'; vendorId: number; productId: number; serialNumber?: string };
export type HidTransportConfig = { type: 'hid'; vendorId?: number; productId?: number; path?: string };
export type TransportConfig = SerialTransportConfig | TcpTransportConfig | UsbTransportConfig | HidTransportConfig;

export interface DeviceConfig {
  id: string;
  kind: DeviceKind;
  /** Shown to the cashier in error messages, e.g. "Receipt printer". */
  name?: string;
  transport: TransportConfig;
  /** Driver options (code page, label size, fiscal password...), passed through to the driver. */
  options?: Record<string, unknown>;
}

export interface BridgeConfig {
  host: string;
  port: number;
  token: string;
  /** Browser origins allowed to call the API (besides requests without an Origin header). */
  allowedOrigins: string[];
  /** SQLite file of the durable job store; relative paths are resolved against the config file's folder. */
  dbFile: string;
  devices: DeviceConfig[];
  /** The store server the till syncs with (back office), e.g. "http://127.0.0.1:3000". */
  storeServerUrl?: string;
  /** This till's code at the store server. */
  tillCode?: string;
}

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const defaultConfigFile = resolve(repoRoot, '.bridge/config.json');

export const defaultOrigins = ['http://127.0.0.1:7070', 'http://localhost:7070', 'http://127.0.0.1:3000', 'http://localhost:3000'];

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function defaultConfig(): BridgeConfig {
  return { host: '127.0.0.1', port: 7070, token: newToken(), allowedOrigins: [...defaultOrigins], dbFile: 'bridge.db', devices: [] };
}

/** Reads the config file, creating it (with a fresh token) when missing; fills absent fields with defaults. */
export function loadConfig(file = defaultConfigFile): BridgeConfig {
  const base = defaultConfig();
  if (!existsSync(file)) {
    saveConfig(file, base);
    return base;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DomainError('config.invalid', { file, cause: (e as Error).message }, 400);
  }
  const merged = { ...base, ...(raw as Partial<BridgeConfig>) };
  const cfg = validateConfig(merged);
  if (!(raw as Partial<BridgeConfig>).token) saveConfig(file, cfg);
  return cfg;
}

export function saveConfig(file: string, cfg: BridgeConfig): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(cfg, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

export function resolveDbFile(configFile: string, cfg: BridgeConfig): string {
  return isAbsolute(cfg.dbFile) ? cfg.dbFile : resolve(dirname(configFile), cfg.dbFile);
}

function fail(field: string, reason: string): never {
  throw new DomainError('config.invalid', { field, reason }, 400);
}

function validateTransport(t: unknown, at: string): TransportConfig {
  if (!t || typeof t !== 'object') fail(at, 'object expected');
  const o = t as Record<string, unknown>;
  switch (o.type) {
    case 'serial':
      if (typeof o.path !== 'string' || !o.path) fail(`${at}.path`, 'string expected');
      if (typeof o.baudRate !== 'number' || o.baudRate <= 0) fail(`${at}.baudRate`, 'positive number expected');
      if (o.dataBits !== undefined && ![5, 6, 7, 8].includes(o.dataBits as number)) fail(`${at}.dataBits`, '5..8 expected');
      if (o.parity !== undefined && !['none', 'even', 'odd', 'mark', 'space'].includes(o.parity as string)) fail(`${at}.parity`, 'none|even|odd|mark|space');
      return o as unknown as SerialTransportConfig;
    case 'tcp':
      if (typeof o.host !== 'string' || !o.host) fail(`${at}.host`, 'string expected');
      if (typeof o.port !== 'number' || o.port <= 0 || o.port > 65535) fail(`${at}.port`, '1..65535 expected');
      return o as unknown as TcpTransportConfig;
    case 'usb':
      if (typeof o.vendorId !== 'number' || typeof o.productId !== 'number') fail(at, 'vendorId and productId expected');
      return o as unknown as UsbTransportConfig;
    case 'hid':
      if (typeof o.path !== 'string' && (typeof o.vendorId !== 'number' || typeof o.productId !== 'number')) fail(at, 'path or vendorId+productId expected');
      return o as unknown as HidTransportConfig;
    default:
      return fail(`${at}.type`, 'serial|tcp|usb|hid expected');
  }
}

/** Checks a config object (from the file or from PUT /api/config); throws DomainError('config.invalid') with the field. */
export function validateConfig(input: unknown): BridgeConfig {
  if (!input || typeof input !== 'object') fail('config', 'object expected');
  const c = input as Record<string, unknown>;
  if (typeof c.host !== 'string') fail('host', 'string expected');
  if (typeof c.port !== 'number' || c.port < 0 || c.port > 65535) fail('port', '0..65535 expected');
  if (typeof c.token !== 'string' || c.token.length < 16) fail('token', 'at least 16 characters');
  if (!Array.isArray(c.allowedOrigins) || c.allowedOrigins.some((o) => typeof o !== 'string')) fail('allowedOrigins', 'string array expected');
  if (typeof c.dbFile !== 'string' || !c.dbFile) fail('dbFile', 'string expected');
  if (!Array.isArray(c.devices)) fail('devices', 'array expected');
  const ids = new Set<string>();
  const devices = c.devices.map((d, i): DeviceConfig => {
    const at = `devices[${i}]`;
    if (!d || typeof d !== 'object') fail(at, 'object expected');
    const o = d as Record<string, unknown>;
    if (typeof o.id !== 'string' || !o.id) fail(`${at}.id`, 'string expected');
    if (ids.has(o.id)) fail(`${at}.id`, 'duplicate id');
    ids.add(o.id);
    if (!DEVICE_KINDS.includes(o.kind as DeviceKind)) fail(`${at}.kind`, DEVICE_KINDS.join('|'));
    if (o.name !== undefined && typeof o.name !== 'string') fail(`${at}.name`, 'string expected');
    if (o.options !== undefined && (typeof o.options !== 'object' || o.options === null)) fail(`${at}.options`, 'object expected');
    return { ...(o as unknown as DeviceConfig), transport: validateTransport(o.transport, `${at}.transport`) };
  });
  return { ...(c as unknown as BridgeConfig), devices };
}
