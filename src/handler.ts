import { readConfig } from './adapters/config';
import { withSecrets } from './adapters/secrets';
import { buildContainer, resolveServices } from './container';
import { createRouter } from './router';

// Built once per cold start: secrets are read here, once, and a bad variable fails here, naming it.
const env = await withSecrets(process.env);
export const handler = createRouter(await resolveServices(buildContainer(readConfig(env))));
