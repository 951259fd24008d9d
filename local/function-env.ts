import { SETTINGS } from '../src/settings/definitions';

/** The function's variables the playground reads or sets, named by the settings registry (each spelled once there). */
export const FUNCTION_ENV = {
  provider: SETTINGS.provider.env,
  fallbackProvider: SETTINGS.fallbackProvider.env,
  fakeOutbox: SETTINGS.fakeOutbox.env,
  fakeFail: SETTINGS.fakeFail.env,
  fakeFailFile: SETTINGS.fakeFailFile.env,
  snsEndpoint: SETTINGS.snsEndpoint.env,
  appName: SETTINGS.appName.env,
  ledgerTable: SETTINGS.ledgerTable.env,
  dynamoDbEndpoint: SETTINGS.dynamoDbEndpoint.env,
  userPoolEndpoint: SETTINGS.userPoolEndpoint.env,
  hmacSecret: SETTINGS.hmacSecret.env,
  region: SETTINGS.region.env,
  awsAccessKeyId: SETTINGS.awsAccessKeyId.env,
} as const;
