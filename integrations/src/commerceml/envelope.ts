// The КоммерческаяИнформация root every exchange file shares, and the ids derived from the company.

import { escapeAttr } from './xml-writer';
import type { Company } from './types';

export const SCHEMA_VERSION = '2.10';

export function openRoot(generatedAt: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" xmlns:xs="http://www.w3.org/2001/XMLSchema" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ВерсияСхемы="${SCHEMA_VERSION}" ДатаФормирования="${escapeAttr(generatedAt)}">\n`
  );
}

export const CLOSE_ROOT = '</КоммерческаяИнформация>\n';

/** 1C writes ДатаФормирования as local wall-clock time without a zone. */
export function localDateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

// Ids are ИдентификаторГлобальныйТип (≤ 40 characters); keep the company part short enough.
export const classifierId = (c: Company) => `${c.id.slice(0, 36)}-cls`;
export const catalogueId = (c: Company) => `${c.id.slice(0, 36)}-cat`;
export const offersPackageId = (c: Company) => `${c.id.slice(0, 36)}-ofr`;
