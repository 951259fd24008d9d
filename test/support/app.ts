import { readConfig, type Env } from '../../src/adapters/runtime/config';
import { buildContainer, resolveServices } from '../../src/container';
import type { Logger, OtpProvider, Timing, UserDirectory } from '../../src/domain/ports';
import { RecordingMetrics } from '../../src/adapters/metrics/emf-metrics';
import { createRouter } from '../../src/router';
import { DI_KEYS } from '../../src/di-keys';
import { FakeClock, RecordingDirectory, RecordingLogger } from './fakes';
import { ledgerEnv } from './ledger-env';

/**
 * The real wiring from an environment, with the clock, the logger, the metrics and the user directory swapped for
 * fakes, and the provider too when one is given (an adapter the configuration does not offer yet). The ledger is the
 * real DynamoDB adapter on a fresh table of the run's dynalite, unless `env` names one (to share it).
 */
export async function buildApp(
  env: Env,
  ports: { clock?: FakeClock; logger?: Logger; directory?: UserDirectory; provider?: OtpProvider; timing?: Timing; metrics?: RecordingMetrics } = {},
) {
  const clock = ports.clock ?? new FakeClock();
  const logger = ports.logger ?? new RecordingLogger();
  const directory = ports.directory ?? new RecordingDirectory();
  const metrics = ports.metrics ?? new RecordingMetrics();
  const fullEnv = { ...(await ledgerEnv()), ...env };
  const container = buildContainer(readConfig(fullEnv));
  container.rebind(DI_KEYS.Clock).toConstantValue(clock);
  container.rebind(DI_KEYS.Logger).toConstantValue(logger);
  container.rebind(DI_KEYS.UserDirectory).toConstantValue(directory);
  container.rebind(DI_KEYS.Metrics).toConstantValue(metrics);
  if (ports.provider) container.rebind(DI_KEYS.Provider).toConstantValue(ports.provider);
  if (ports.timing) container.rebind(DI_KEYS.Timing).toConstantValue(ports.timing);
  return { handler: createRouter(await resolveServices(container)), clock, logger, directory, metrics, env: fullEnv };
}
