// Builds the back-office SPA (and the warehouse terminal at /terminal, same bundle) into backoffice/ui/dist.
// Works from any working directory: `npx vite build --config backoffice/ui/vite.config.ts`.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
