// The till UI build: served by the device bridge at / on 127.0.0.1:7070; `npm run dev` proxies /api to it.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:7070', '/socket.io': { target: 'http://127.0.0.1:7070', ws: true } } },
});
