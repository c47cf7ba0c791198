import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  // The mirror has its own schema (db/mirror.ts); studio, pull and push must see it beside public.
  schemaFilter: ['public', 'mirror'],
});
