import { errorBodySchema } from '#protocol/wire';

/** The message of an action's refusal (the one wire shape, `{ error: { code, message } }`); undefined for any other answer. */
export function refusalMessage(answer: unknown): string | undefined {
  const refusal = errorBodySchema.safeParse(answer);
  return refusal.success ? refusal.data.error.message : undefined;
}
