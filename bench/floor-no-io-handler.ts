// Baseline, not product code: the floor as it was before issue 24, kept so that its figures stay comparable with
// every earlier run. An empty handler that loads and sets up inversify, pino and ky as the design card lists them
// (a container, a synchronous pino logger, a ky instance), bundled as the product is, and logs one line per event;
// it calls nothing. The floor the deployed configurations are held to is floor-handler.ts, which does their I/O.
import { Container } from 'inversify';
import ky from 'ky';
import pino from 'pino';

const log = pino({ level: 'info', base: undefined }, pino.destination({ dest: 1, sync: true }));
const container = new Container({ defaultScope: 'Singleton' });
container.bind('api').toConstantValue(ky.create({ prefixUrl: 'http://127.0.0.1/', retry: 0, timeout: false }));
container.bind('log').toConstantValue(log);

export const handler = async (event: { triggerSource?: string }) => {
  container.get<typeof log>('log').info({ trigger: event.triggerSource }, 'event');
  return event;
};
