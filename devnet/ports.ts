/**
 * A fixed test port moved by `TEST_PORT_OFFSET`, so two checkouts on one machine can run the same integration tests
 * at once without fighting over ports.
 */
export const testPort = (base: number) => base + Number(process.env.TEST_PORT_OFFSET ?? 0);
