// One exchange run for 1C: import.xml (catalogue), offers.xml (prices, stock), documents.xml (movements).

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '@kasa/domain';
import { localDateTime } from './envelope';
import { writeImportFile } from './import-file';
import { writeOffersFile } from './offers-file';
import { writeDocumentsFile } from './documents-file';
import { XmlFileWriter } from './xml-writer';
import type { CommerceMlSource, ExportCounts } from './types';

export interface ExportOptions {
  /** Movements from this date, 'YYYY-MM-DD', inclusive. */
  from: string;
  /** Movements up to this date, inclusive. */
  to: string;
  /** ДатаФормирования; now when absent. */
  generatedAt?: Date;
}

export interface ExportResult {
  files: string[];
  counts: ExportCounts & { offersWithoutPrice: number };
}

async function writeFile<T>(path: string, body: (out: XmlFileWriter) => Promise<T>): Promise<T> {
  const out = new XmlFileWriter(path);
  try {
    const result = await body(out);
    await out.close();
    return result;
  } catch (e) {
    out.abort();
    throw e;
  }
}

export async function exportCommerceMl(source: CommerceMlSource, outDir: string, opts: ExportOptions): Promise<ExportResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.from) || !/^\d{4}-\d{2}-\d{2}$/.test(opts.to) || opts.from > opts.to) {
    throw new DomainError('commerceml.period_invalid', { from: opts.from, to: opts.to }, 400);
  }
  await mkdir(outDir, { recursive: true });
  const stamp = localDateTime(opts.generatedAt ?? new Date());
  const importPath = join(outDir, 'import.xml');
  const offersPath = join(outDir, 'offers.xml');
  const documentsPath = join(outDir, 'documents.xml');
  const catalogue = await writeFile(importPath, (out) => writeImportFile(source, out, stamp));
  const offers = await writeFile(offersPath, (out) => writeOffersFile(source, out, stamp));
  const docs = await writeFile(documentsPath, (out) => writeDocumentsFile(source, out, stamp, opts));
  return {
    files: [importPath, offersPath, documentsPath],
    counts: {
      groups: catalogue.groups,
      items: catalogue.items,
      offers: offers.offers,
      offersWithoutPrice: offers.skippedWithoutPrice,
      documents: docs.documents,
    },
  };
}
