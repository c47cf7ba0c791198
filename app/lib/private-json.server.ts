/**
 * Answers of the operator area (its route actions and its JSON resource routes): personal, so never kept by a browser
 * or a shared cache. A refusal is the one wire shape `{ error: { code, message } }` (protocol/base-error.ts
 * `Rejection.toBody`, protocol/wire.ts `errorBodySchema`).
 */
import { data } from '@remix-run/node';
import type { z } from 'zod';
import { Rejection } from '#protocol/base-error';

const NO_STORE = { 'cache-control': 'no-store' } as const;

type Init = { status?: number; headers?: Record<string, string> };
const initOf = (init: Init) => ({ status: init.status, headers: { ...NO_STORE, ...init.headers } });

/** A resource route's JSON answer (the attestation relay, telemetry, the sign-in exchange). */
export const privateJson = (body: unknown, init: Init = {}) => Response.json(body, initOf(init));

/** A route action's answer, for the fetcher that submitted the form. */
export const privateData = <T>(body: T, init: Init = {}) => data(body, initOf(init));

/** A resource route's refusal. */
export const rejectionJson = (rejection: Rejection, headers?: Record<string, string>) =>
  privateJson(rejection.toBody(), { status: rejection.status, headers });

/** A route action's refusal. */
export const rejectionData = (rejection: Rejection, headers?: Record<string, string>) =>
  privateData(rejection.toBody(), { status: rejection.status, headers });

/** A 400 naming the first field zod refused and why. */
export function invalidInput(error: z.ZodError, what: string) {
  const issue = error.issues[0]!;
  return new Rejection(
    'invalid_parameter',
    `Invalid ${issue.path.join('.') || what}: ${issue.message}`,
    400,
    {},
    {
      cause: error,
    },
  );
}
