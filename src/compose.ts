import { type Env, readConfig } from './adapters/runtime/config';
import { withSecrets } from './adapters/runtime/secrets';
import { buildContainer, resolveServices } from './container';
import { createRouter } from './router';

/**
 * The trigger handler from an environment, as a cold start builds it: secrets first (read once),
 * then the configuration, the container and the router. A bad variable fails here, naming it.
 */
export async function createHandler(env: Env) {
  return createRouter(await resolveServices(buildContainer(readConfig(await withSecrets(env)))));
}
