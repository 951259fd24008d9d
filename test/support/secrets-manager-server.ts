import type { IncomingMessage, ServerResponse } from 'node:http';
import { TEST_AWS_ENV } from './aws-env';
import { LocalServer, readBody } from './local-server';

export interface SecretRequest {
  readonly target: string | undefined;
  readonly secretId: unknown;
  readonly signed: boolean;
}

/**
 * A local Secrets Manager speaking its JSON protocol (`X-Amz-Target: secretsmanager.GetSecretValue`,
 * `application/x-amz-json-1.1`): known secrets answer their value, denied ones AccessDeniedException,
 * the rest ResourceNotFoundException, as the service does.
 */
export class SecretsManagerServer extends LocalServer {
  readonly received: SecretRequest[] = [];
  readonly secrets = new Map<string, string | Uint8Array>();
  readonly denied = new Set<string>();

  /** Dummy credentials and this server's address, as the SDK reads them from the environment. */
  get clientEnv(): Record<string, string> {
    return { ...TEST_AWS_ENV, AWS_ENDPOINT_URL_SECRETS_MANAGER: this.origin };
  }

  readsOf(secretId: string): number {
    return this.received.filter((request) => request.secretId === secretId).length;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.headers['x-amz-target'] as string | undefined;
    const { SecretId: secretId } = JSON.parse((await readBody(req)) || '{}') as { SecretId?: unknown };
    this.received.push({ target, secretId, signed: (req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ') });

    if (target !== 'secretsmanager.GetSecretValue') return this.error(res, 'UnknownOperationException', `unsupported ${target}`);
    if (typeof secretId !== 'string') return this.error(res, 'ValidationException', 'SecretId is required');
    if (this.denied.has(secretId)) {
      return this.error(
        res,
        'AccessDeniedException',
        `User: arn:aws:sts::123456789012:assumed-role/fn is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secretId}`,
      );
    }
    const value = this.secrets.get(secretId);
    if (value === undefined) return this.error(res, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

    const stored = typeof value === 'string' ? { SecretString: value } : { SecretBinary: Buffer.from(value).toString('base64') };
    const arn = `arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:${secretId}-AbCdEf`;
    this.reply(res, 200, { ARN: arn, Name: secretId, VersionId: 'v1', VersionStages: ['AWSCURRENT'], CreatedDate: 1_700_000_000, ...stored });
  }

  private error(res: ServerResponse, type: string, message: string): void {
    this.reply(res, 400, { __type: type, message });
  }

  private reply(res: ServerResponse, status: number, body: object): void {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
  }
}
