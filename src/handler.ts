import { readConfig } from './adapters/config';
import { buildContainer, resolveServices } from './container';
import { createRouter } from './router';

// Built once per cold start; a bad variable fails here, naming it.
export const handler = createRouter(await resolveServices(buildContainer(readConfig(process.env))));
