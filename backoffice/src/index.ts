// @kasa/backoffice: the store server (API, back-office UI, warehouse terminal UI).
export { buildServer, UI_DIR, type ServerOptions, type StoreServer } from './server/app';
export { addUser, loginWithPassword, loginWithPin } from './auth/users';
export { hashSecret, verifySecret } from './auth/passwords';
export { generateBenchmarkData, type GenerateOptions, type GenerateSummary } from './demo/generate';
