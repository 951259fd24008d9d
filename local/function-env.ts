import { SETTINGS } from '../src/settings/definitions';

/** The function's variables the playground reads or sets, named by the settings registry (each spelled once there). */
export const FUNCTION_ENV = {
  provider: SETTINGS.provider.env,
  fakeOutbox: SETTINGS.fakeOutbox.env,
  ledgerTable: SETTINGS.ledgerTable.env,
  dynamoDbEndpoint: SETTINGS.dynamoDbEndpoint.env,
  userPoolEndpoint: SETTINGS.userPoolEndpoint.env,
  hmacSecret: SETTINGS.hmacSecret.env,
  region: SETTINGS.region.env,
  awsAccessKeyId: SETTINGS.awsAccessKeyId.env,
} as const;
