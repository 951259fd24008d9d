import { createHandler } from './compose';

// Built once per cold start, before the first event.
export const handler = await createHandler(process.env);
