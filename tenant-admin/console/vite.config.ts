import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Maven builds into tenant-admin's static resources (HEARTH_CONSOLE_OUT); `npm run build` alone writes dist/.
export default defineConfig({
  plugins: [react()],
  build: { outDir: process.env.HEARTH_CONSOLE_OUT ?? 'dist', emptyOutDir: true },
});
