// The server side of 1C's "exchange with a site" (обмен с сайтом) protocol, as 1C's standard exchange calls it:
//   GET  ?type=catalog|sale&mode=checkauth     → "success\n<cookie name>\n<cookie value>" (HTTP basic auth)
//   GET  ?type=…&mode=init                     → "zip=no\nfile_limit=<bytes>"
//   POST ?type=catalog|sale&mode=file&filename → the file's bytes, possibly in several chunks → "success"
//   GET  ?type=catalog&mode=import&filename    → the file is taken in (a bank statement is booked) → "success"
//   GET  ?type=sale&mode=query                 → documents.xml (CommerceML) of the period since the last confirmed one
//   GET  ?type=sale&mode=success               → 1C confirms it loaded them → "success"
// Anything that goes wrong answers "failure\n<reason>". Authentication and the cookie are the route's business.

import { appendFile, mkdir, readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';
import { commerceMlSourceFromDb } from '../commerceml/db-source';
import { writeDocumentsFile } from '../commerceml/documents-file';
import { localDateTime } from '../commerceml/envelope';
import { XmlFileWriter } from '../commerceml/xml-writer';
import { importBankStatement } from '../bank/statement-store';
import { addRunEntry, finishRun, startRun } from './log';
import { errorJson, nextExportPeriod } from './folder-run';
import { readExchangeSettings } from './settings';

/** Largest chunk 1C may send in one mode=file request. */
export const FILE_LIMIT = 8 * 1024 * 1024;

export interface OneCSession {
  /** Files begun in this session: the first chunk replaces an older file of that name, later chunks append. */
  files: Set<string>;
}

export interface OneCReply {
  contentType: string;
  body: string | Buffer;
}

const text = (body: string): OneCReply => ({ contentType: 'text/plain; charset=utf-8', body });
export const oneCFailure = (reason: string): OneCReply => text(`failure\n${reason}`);

/** Where files 1C sends are kept: <inbox>/1c-http, or a folder under the system's temp when no inbox is set. */
async function receivedDir(db: Db): Promise<string> {
  const s = await readExchangeSettings(db);
  const dir = s.inboxDir ? join(s.inboxDir, '1c-http') : join(tmpdir(), 'kasa-1c-http');
  await mkdir(dir, { recursive: true });
  return dir;
}

function safeName(filename: string | undefined): string {
  const name = basename(String(filename ?? '').replace(/\\/g, '/'));
  if (!name || name === '.' || name === '..' || name.length > 200) throw new DomainError('exchange.filename_invalid', { filename: filename ?? '' }, 400);
  return name;
}

export async function oneCInit(): Promise<OneCReply> {
  return text(`zip=no\nfile_limit=${FILE_LIMIT}`);
}

export async function oneCFile(db: Db, session: OneCSession, filename: string | undefined, body: Buffer, type: 'catalog' | 'sale' = 'catalog'): Promise<OneCReply> {
  const name = safeName(filename);
  if (body.length > FILE_LIMIT) throw new DomainError('exchange.file_too_large', { limit: FILE_LIMIT }, 413);
  const path = join(await receivedDir(db), name);
  if (session.files.has(name)) await appendFile(path, body);
  else {
    await writeFile(path, body);
    session.files.add(name);
  }
  if (type === 'sale') {
    // 1C's documents come back in one request with no mode=import after it: logged as received here.
    const id = await startRun(db, { trigger: 'http', mode: 'http' });
    await addRunEntry(db, id, { direction: 'received', fileName: name, status: 'ok', counts: { bytes: body.length } });
    await finishRun(db, id, 'ok');
  }
  return text('success');
}

/** A received file is logged; a bank statement (1CClientBankExchange) is booked like one from the inbox. */
export async function oneCImport(db: Db, session: OneCSession, filename: string | undefined): Promise<OneCReply> {
  const name = safeName(filename);
  const path = join(await receivedDir(db), name);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new DomainError('exchange.file_missing', { filename: name }, 404);
  }
  const id = await startRun(db, { trigger: 'http', mode: 'http' });
  try {
    if (bytes.subarray(0, 40).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').startsWith('1CClientBankExchange')) {
      const s = await importBankStatement(db, bytes, { fileName: name });
      await addRunEntry(db, id, { direction: 'received', fileName: name, status: 'ok', counts: { documents: s.documents, imported: s.imported, duplicates: s.duplicates, rejected: s.rejected } });
    } else {
      // CommerceML from 1C (its catalogue or orders): Kasa keeps the catalogue itself, so the file is kept and logged.
      await addRunEntry(db, id, { direction: 'received', fileName: name, status: 'ok', counts: { bytes: bytes.length } });
    }
    await finishRun(db, id, 'ok');
    session.files.delete(name);
    return text('success');
  } catch (e) {
    await addRunEntry(db, id, { direction: 'received', fileName: name, status: 'rejected', counts: {}, error: errorJson(e) });
    await finishRun(db, id, 'failed', errorJson(e));
    throw e;
  }
}

/** documents.xml for the period since the last run 1C confirmed; the run waits for mode=success. */
export async function oneCQuery(db: Db, now = new Date()): Promise<OneCReply> {
  const settings = await readExchangeSettings(db);
  const { from, to } = await nextExportPeriod(db, settings, 'http', now);
  const id = await startRun(db, { trigger: 'http', mode: 'http', periodFrom: from, periodTo: to });
  const dir = await mkdtemp(join(tmpdir(), 'kasa-1c-query-'));
  try {
    const out = new XmlFileWriter(join(dir, 'documents.xml'));
    let documents: number;
    try {
      ({ documents } = await writeDocumentsFile(await commerceMlSourceFromDb(db), out, localDateTime(now), { from, to }));
      await out.close();
    } catch (e) {
      out.abort();
      throw e;
    }
    const body = await readFile(join(dir, 'documents.xml'));
    await addRunEntry(db, id, { direction: 'sent', fileName: 'documents.xml', status: 'ok', counts: { documents } });
    await finishRun(db, id, 'unconfirmed');
    return { contentType: 'application/xml; charset=utf-8', body };
  } catch (e) {
    await finishRun(db, id, 'failed', errorJson(e));
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** 1C loaded what the last query sent: that run becomes the point the next query starts from. */
export async function oneCSuccess(db: Db): Promise<OneCReply> {
  const last = await db.kysely.selectFrom('exchange_runs').select('id').where('mode', '=', 'http').where('status', '=', 'unconfirmed').orderBy('id', 'desc').executeTakeFirst();
  if (last) await db.kysely.updateTable('exchange_runs').set({ status: 'ok' }).where('id', '=', Number(last.id)).execute();
  return text('success');
}
