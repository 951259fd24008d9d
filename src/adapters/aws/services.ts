/** The AWS services this function calls, each with its signing name, endpoint variable and public host. */
export const AWS_SERVICES = {
  dynamodb: { signingName: 'dynamodb', endpointVariable: 'AWS_ENDPOINT_URL_DYNAMODB', host: 'dynamodb' },
  secretsManager: { signingName: 'secretsmanager', endpointVariable: 'AWS_ENDPOINT_URL_SECRETS_MANAGER', host: 'secretsmanager' },
  sns: { signingName: 'sns', endpointVariable: 'AWS_ENDPOINT_URL_SNS', host: 'sns' },
  cognito: { signingName: 'cognito-idp', endpointVariable: 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', host: 'cognito-idp' },
} as const;

export type AwsService = (typeof AWS_SERVICES)[keyof typeof AWS_SERVICES];

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Where and as whom one service is called. */
export interface AwsTarget {
  readonly service: AwsService;
  readonly region: string;
  readonly endpoint: string;
  /** Read on each call: Lambda sets them in the environment, tests stub them. */
  readonly credentials: () => AwsCredentials | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const set = (env: Env, name: string): string | undefined => (env[name]?.trim() ? env[name].trim() : undefined);

/**
 * The target as the SDK v3 would resolve it from the environment: the endpoint from
 * `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, else the service's public endpoint in the region;
 * the region from `AWS_REGION`; the credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
 * `AWS_SESSION_TOKEN`, as Lambda sets them. `overrides` wins over the environment (a region from the event,
 * an endpoint from the configuration).
 */
export function awsTarget(service: AwsService, overrides: { region?: string; endpoint?: string } = {}, env: Env = process.env): AwsTarget {
  const region = overrides.region ?? set(env, 'AWS_REGION') ?? set(env, 'AWS_DEFAULT_REGION') ?? '';
  const endpoint = overrides.endpoint ?? set(env, service.endpointVariable) ?? set(env, 'AWS_ENDPOINT_URL') ?? publicEndpoint(service, region);
  return { service, region, endpoint, credentials: () => credentialsFrom(env) };
}

function publicEndpoint(service: AwsService, region: string): string {
  return `https://${service.host}.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}

export function credentialsFrom(env: Env): AwsCredentials | undefined {
  const accessKeyId = set(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = set(env, 'AWS_SECRET_ACCESS_KEY');
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = set(env, 'AWS_SESSION_TOKEN');
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}
