// integrations workspace entry: plain re-exports of each exchange part.
export * from './commerceml/index';
export * from './bank/index';
export * from './shop/index';
export * from './exchange/index';
