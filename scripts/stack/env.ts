/** The stack's settings now live in config/stack.ts (one configuration home); kept for the stack's own imports. */
export { ConfigError, parseStackEnv, type StackEnv, stackEnvSchema } from '../../config/stack';
