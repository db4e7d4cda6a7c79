import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Maven builds into tenant-admin's static resources (HEARTH_CONSOLE_OUT); `npm run build` alone writes dist/.
export default defineConfig({
  plugins: [react()],
  build: { outDir: process.env.HEARTH_CONSOLE_OUT ?? 'dist', emptyOutDir: true },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
  },
});
