import { readConfig, type Env } from '../../src/adapters/config';
import { buildContainer, resolveServices } from '../../src/container';
import type { Logger, OtpProvider, UserDirectory } from '../../src/domain/ports';
import { RecordingMetrics } from '../../src/adapters/metrics/emf-metrics';
import { createRouter } from '../../src/router';
import { DI_KEYS } from '../../src/di-keys';
import { FakeClock, RecordingDirectory, RecordingLogger } from './fakes';

/**
 * The real wiring from an environment, with the clock, the logger, the metrics and the user directory swapped for fakes,
 * and the provider too when one is given (an adapter the configuration does not offer yet).
 */
export async function buildApp(
  env: Env,
  ports: { clock?: FakeClock; logger?: Logger; directory?: UserDirectory; provider?: OtpProvider; metrics?: RecordingMetrics } = {},
) {
  const clock = ports.clock ?? new FakeClock();
  const logger = ports.logger ?? new RecordingLogger();
  const directory = ports.directory ?? new RecordingDirectory();
  const metrics = ports.metrics ?? new RecordingMetrics();
  const container = buildContainer(readConfig(env));
  container.rebind(DI_KEYS.Clock).toConstantValue(clock);
  container.rebind(DI_KEYS.Logger).toConstantValue(logger);
  container.rebind(DI_KEYS.UserDirectory).toConstantValue(directory);
  container.rebind(DI_KEYS.Metrics).toConstantValue(metrics);
  if (ports.provider) container.rebind(DI_KEYS.Provider).toConstantValue(ports.provider);
  return { handler: createRouter(await resolveServices(container)), clock, logger, metrics };
}
