/** Serves the built Remix app with Express, handing each request the stack's database and chain as load context. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler, type ServerBuild } from '@remix-run/node';
import { createRequest, sendResponse } from '@remix-run/node-fetch-server';
import express from 'express';
import { oneReplica } from '#db';
import { i18nServer } from '../../app/i18n.server';
import type { ServiceContext } from '../../app/load-context';
import { childEnvironment } from '../../oracle/child-env';
import { createSharedCache, newNonce, type Render } from './shared-cache';
import {
  bodyLimitGuard,
  bufferedRequest,
  forwardedHttps,
  hostGuard,
  originGuard,
  rateLimitGuard,
  routePathGuard,
} from './web-guards';

const serverBuildPath = join('build', 'server', 'index.js');
const buildInputs = ['app', 'public', 'vite.config.ts', 'contracts/ts/generated.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** True when the production build is missing or older than its sources. */
export function appBuildIsStale() {
  if (!existsSync(serverBuildPath)) return true;
  const built = statSync(serverBuildPath).mtimeMs;
  return buildInputs.some((input) => newestMtime(input) > built);
}

export function buildApp() {
  // The build sees none of the stack's secrets: nothing can bake them into the bundle or a plugin's log (I-3).
  // NODE_ENV is pinned: a build started from a test run (NODE_ENV=test) otherwise bundles React's development build,
  // which `npm start` would then serve until the sources change (appBuildIsStale does not look at the mode).
  execFileSync('npx', ['remix', 'vite:build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...childEnvironment(), NODE_ENV: 'production' },
  });
}

export type WebHandle = { url: string; server: Server; close: () => Promise<void> };

export async function startWeb(options: {
  port: number;
  /** The address to listen on: loopback unless a deployment asks for more (L-10). */
  host?: string;
  context: ServiceContext;
  /** The shared cache for pages that declare `s-maxage` (on unless a benchmark measures rendering alone). */
  sharedCache?: boolean;
}): Promise<WebHandle> {
  const build = (await import(pathToFileURL(join(process.cwd(), serverBuildPath)).href)) as ServerBuild;
  const { publicOrigin, trustProxy } = options.context.web;
  const app = express();
  app.disable('x-powered-by');
  app.use(hostGuard(publicOrigin));
  app.use(originGuard(publicOrigin));
  app.use(routePathGuard());
  app.use(rateLimitGuard(trustProxy, options.context.db.$primary));
  app.use(bodyLimitGuard());
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }));
  // Every public file has an extension; page paths skip the file-system lookup (a stat per page view otherwise).
  const publicFiles = express.static('build/client', { maxAge: '1h' });
  app.use((request, response, next) => (extname(request.path) ? publicFiles(request, response, next) : next()));
  const handleRemix = createRequestHandler(build, process.env.NODE_ENV);
  // Each render reads one replica (db/database.ts oneReplica): its figures and the indexed block they are at agree.
  const render: Render = (request, cspNonce) =>
    handleRemix(request, { ...options.context, db: oneReplica(options.context.db), cspNonce });
  const answer =
    options.sharedCache === false
      ? (request: Request) => render(request, newNonce())
      : // A copy per language as the app resolves it (cookie, then Accept-Language): two keys, not one per header value.
        createSharedCache(render, { variantOf: (request) => i18nServer.getLocale(request) });
  app.all('*', async (request, response, next) => {
    try {
      // The URL's scheme is https only when a trusted proxy says the visitor used it (the session cookie's Secure).
      const protocol = forwardedHttps(request, trustProxy) ? 'https:' : 'http:';
      // A body was already read within its limit (web-guards.ts); Remix gets those bytes, not the spent stream.
      const body = response.locals.body as Buffer | undefined;
      const fetchRequest = body
        ? bufferedRequest(request, response, protocol, body)
        : createRequest(request, response, { protocol });
      await sendResponse(response, await answer(fetchRequest));
    } catch (error) {
      next(error);
    }
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port, options.host ?? '127.0.0.1', () => resolve(listening));
    listening.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${options.port} is already in use; set PORT to a free port.`)
          : error,
      ),
    );
  });
  // A slow client cannot hold a connection (and a body buffered so far) open for long: the whole request must arrive
  // within 30 s, its headers within 15 s; an idle keep-alive connection closes after 5 s (attacker #2).
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  return {
    url: `http://localhost:${options.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
