import { ConfigError, type Env, integer, present } from '../src/adapters/runtime/config';
import { flag } from '../src/settings/readers';
import { DEFAULT_SESSION_MINUTES } from './pool/auth-sessions';
import { FUNCTION_ENV } from './function-env';

/** The playground's own variables (the handler reads its own), read once at start; a bad one stops it, named. */
export interface PlaygroundSettings {
  /** Which web pages may call the pool: any, or only these origins. */
  readonly corsOrigins: '*' | ReadonlySet<string>;
  /** The app client's auth session validity, as the stack's `authSessionMinutes`. */
  readonly sessionMinutes: number;
  /** Print the handler's metric lines (CloudWatch EMF JSON) among the codes: PLAYGROUND_METRICS=true. */
  readonly metricLines: boolean;
}

/** Whether `npm start` prints the metric lines; read before the start, as the first line may come with the first request. */
export const showsMetricLines = (env: Env): boolean => flag().parse(present(env, 'PLAYGROUND_METRICS'), 'PLAYGROUND_METRICS');

export function readPlaygroundSettings(env: Env, endpoint: string): PlaygroundSettings {
  return {
    corsOrigins: corsOrigins(env, endpoint),
    sessionMinutes: integer(env, 'AUTH_SESSION_MINUTES', DEFAULT_SESSION_MINUTES, 3, 15),
    metricLines: showsMetricLines(env),
  };
}

function corsOrigins(env: Env, endpoint: string): '*' | ReadonlySet<string> {
  const listed = (present(env, 'PLAYGROUND_CORS_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const bad = listed.find((origin) => !isOrigin(origin));
  if (bad !== undefined) throw new ConfigError('PLAYGROUND_CORS_ORIGINS', `has "${bad}": it accepts origins such as http://localhost:5173, comma-separated`);
  // The fake provider sends nothing, so any page may call (an app on its own dev server, say). A real provider
  // sends real, paid SMS: then any website open in the browser could start sign-ins here, unless refused.
  if (env[FUNCTION_ENV.provider] === 'fake') return '*';
  const { port } = new URL(endpoint);
  return new Set([endpoint, `http://localhost:${port}`, ...listed]);
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}
