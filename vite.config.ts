import { fileURLToPath } from 'node:url';
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  plugins: [
    remix({
      // A test beside its route module is not a route (Remix would otherwise build it as one and fail on its imports).
      ignoredRouteFiles: ['**/*.test.*'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  optimizeDeps: {
    include: ['wagmi', 'viem', 'viem/chains', '@tanstack/react-query', 'chart.js', 'react-chartjs-2'],
    exclude: ['@electric-sql/pglite', 'drizzle-orm'],
  },
  build: { target: 'es2022' },
});
