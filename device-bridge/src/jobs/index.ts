// Durable device jobs: store (SQLite) and runner.
export * from './store';
export * from './runner';
