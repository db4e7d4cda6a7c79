import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// Maven builds into app's static resources (HEARTH_PWA_OUT); `npm run build` alone writes dist/.
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/*.png', 'favicon.svg'],
      manifest: {
        name: 'Hearth',
        short_name: 'Hearth',
        description: 'Your circle, your events, your brothers.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#fbf7f2',
        theme_color: '#7a3b12',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        navigateFallback: '/index.html',
        // The API, health, docs and calendar feeds are the server's: never answered from the shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/health/, /^\/swagger/, /^\/\.well-known\//, /^\/u\//, /^\/rsvp\//],
        // Push and notification clicks (public/push-sw.js): plain script, loaded by the generated worker.
        importScripts: ['push-sw.js'],
      },
    }),
  ],
  build: {
    outDir: process.env.HEARTH_PWA_OUT ?? 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    // Worker threads, not forked processes: the 613 cases take 128 s here instead of 152 s, and they run beside the
    // integration tests on a 2-core machine (app/pom.xml's pwa-test-start).
    pool: 'threads',
    include: ['src/**/*.test.{ts,tsx}', 'eslint-rules/**/*.test.js'],
  },
});
