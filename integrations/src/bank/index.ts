export * from './types';
export * from './statement-file';
export * from './operations';
export * from './budget-items';
export * from './cash-flow-report';
export * from './statement-import';
export { BANK_MESSAGES } from './messages';
