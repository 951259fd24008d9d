// Baseline, not product code: the floor of the design card's stack. An empty handler that loads and sets up
// inversify, pino and ky as the card lists them (a container, a synchronous pino logger, a ky instance),
// bundled as the product is, and logs one line per event. What the product adds is measured against this.
// The product itself no longer loads ky (docs/architecture.md, "Why ky went"); the floor keeps it so that its figures
// stay comparable with every earlier run.
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
