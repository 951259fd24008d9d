import { readConfig, type Env } from '../../src/adapters/config';
import { buildContainer, resolveServices } from '../../src/container';
import type { Logger } from '../../src/domain/ports';
import { createRouter } from '../../src/router';
import { TOKENS } from '../../src/tokens';
import { FakeClock, RecordingLogger } from './fakes';

/** The real wiring from an environment, with the clock and the logger swapped for fakes. */
export async function buildApp(env: Env, ports: { clock?: FakeClock; logger?: Logger } = {}) {
  const clock = ports.clock ?? new FakeClock();
  const logger = ports.logger ?? new RecordingLogger();
  const container = buildContainer(readConfig(env));
  container.rebind(TOKENS.Clock).toConstantValue(clock);
  container.rebind(TOKENS.Logger).toConstantValue(logger);
  return { handler: createRouter(await resolveServices(container)), clock, logger, container };
}
