/** The AWS services this function calls, each with its signing name and public host. */
export const AWS_SERVICES = {
  dynamodb: { signingName: 'dynamodb', host: 'dynamodb' },
  secretsManager: { signingName: 'secretsmanager', host: 'secretsmanager' },
  sns: { signingName: 'sns', host: 'sns' },
  cognito: { signingName: 'cognito-idp', host: 'cognito-idp' },
} as const;

export type AwsServiceName = keyof typeof AWS_SERVICES;
export type AwsService = (typeof AWS_SERVICES)[AwsServiceName];

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Where and as whom the function calls AWS, read once from the configuration (src/adapters/runtime/config.ts), as the
 * SDK v3 would read it from the environment: the region, each service's endpoint override, and the keys Lambda
 * gives the function. Nothing here reads the environment itself.
 */
export interface AwsSettings {
  readonly region: string | undefined;
  /** Each service's endpoint when overridden (e.g. a local dynalite); unset, the service's public endpoint in the region. */
  readonly endpoints: Readonly<Partial<Record<AwsServiceName, string>>>;
  readonly credentials: AwsCredentials | undefined;
}

/** Where and as whom one service is called. */
export interface AwsTarget {
  readonly service: AwsService;
  readonly region: string;
  readonly endpoint: string;
  /** Unset, each call fails with `no-credentials` (the cold start itself needs none: the fake provider with a local table). */
  readonly credentials: AwsCredentials | undefined;
}

/** One service's target from the settings; `region` overrides theirs (the user pool's, from the event). */
export function awsTarget(name: AwsServiceName, settings: AwsSettings, region = settings.region ?? ''): AwsTarget {
  const service = AWS_SERVICES[name];
  return { service, region, endpoint: settings.endpoints[name] ?? publicEndpoint(service, region), credentials: settings.credentials };
}

function publicEndpoint(service: AwsService, region: string): string {
  return `https://${service.host}.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}
