import { readConfig, type Env } from '../../src/adapters/config';
import { buildContainer, resolveServices } from '../../src/container';
import type { Logger, UserDirectory } from '../../src/domain/ports';
import { createRouter } from '../../src/router';
import { DI_KEYS } from '../../src/di-keys';
import { FakeClock, RecordingDirectory, RecordingLogger } from './fakes';

/** The real wiring from an environment, with the clock, the logger and the user directory swapped for fakes. */
export async function buildApp(env: Env, ports: { clock?: FakeClock; logger?: Logger; directory?: UserDirectory } = {}) {
  const clock = ports.clock ?? new FakeClock();
  const logger = ports.logger ?? new RecordingLogger();
  const directory = ports.directory ?? new RecordingDirectory();
  const container = buildContainer(readConfig(env));
  container.rebind(DI_KEYS.Clock).toConstantValue(clock);
  container.rebind(DI_KEYS.Logger).toConstantValue(logger);
  container.rebind(DI_KEYS.UserDirectory).toConstantValue(directory);
  return { handler: createRouter(await resolveServices(container)), clock, logger };
}
