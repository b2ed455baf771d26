export * from './types';
export * from './export';
export { escapeText, escapeAttr, XmlFileWriter } from './xml-writer';
export { minorToAmount } from './amounts';
export { UNITS, exchangeUnit, type ExchangeUnit } from './units';
export { MOVEMENT_OPERATIONS } from './documents-file';
export { syntheticCommerceMlSource } from './synthetic-source';
export { COMMERCEML_MESSAGES } from './messages';
export { commerceMlSourceFromDb, exchangeIds, type DbSourceOptions } from './db-source';
