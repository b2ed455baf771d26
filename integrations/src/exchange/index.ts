export * from './settings';
export * from './schedule';
export * from './log';
export { runFolderExchange, nextExportPeriod, errorJson, ProgressReporter } from './folder-run';
export * from './runner';
export * from './http-protocol';
export { EXCHANGE_MESSAGES, EXCHANGE_SERVER_MESSAGES } from './messages';
