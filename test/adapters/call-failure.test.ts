import { describe, expect, it } from 'vitest';
import { AwsError } from '../../src/adapters/aws/aws-error';
import { directoryFailure, failureReason, ledgerFailure, providerFailure } from '../../src/adapters/http/call-failure';
import { ExchangeError } from '../../src/adapters/http/exchange';
import {
  DirectoryError,
  LedgerError,
  ProviderRejectedError,
  ProviderResponseError,
  ProviderTimeoutError,
  ProviderUnreachableError,
} from '../../src/domain/errors';

const failures = {
  timeout: new ExchangeError('timeout', 'did not answer before the deadline'),
  unreachable: new ExchangeError('unreachable', 'could not be reached', undefined, { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') }),
  redirect: new ExchangeError('redirect', 'answered HTTP 307 (a redirect, which is refused)', 307),
  'too-large': new ExchangeError('too-large', 'answered HTTP 200 with a body over 65536 bytes', 200),
  rejected: new AwsError('rejected', 'Publish', 'Throttling', 400),
  malformed: new AwsError('malformed', 'GetItem', undefined, 200),
  'no-credentials': new AwsError('no-credentials', 'UpdateItem', undefined, undefined),
  'a bug': new TypeError('x is not a function, +821012345678'),
};

describe('the one mapping of a failed call', () => {
  it.each([
    ['timeout', ProviderTimeoutError, 'SNS Publish did not answer before the deadline', undefined],
    ['unreachable', ProviderUnreachableError, 'SNS Publish could not be reached', undefined],
    ['redirect', ProviderResponseError, 'SNS Publish answered HTTP 307 (a redirect, which is refused)', 307],
    ['too-large', ProviderResponseError, 'SNS Publish answered HTTP 200 with a body over 65536 bytes', 200],
    ['rejected', ProviderRejectedError, 'SNS Publish failed: Throttling', 400],
    ['malformed', ProviderResponseError, 'SNS Publish answered HTTP 200 with a body its protocol does not allow', 200],
    ['no-credentials', ProviderUnreachableError, 'SNS Publish failed: no credentials to sign with', undefined],
    ['a bug', ProviderUnreachableError, 'SNS Publish failed', undefined],
  ] as const)('makes a provider error of %s', (name, type, message, status) => {
    // Act
    const error = providerFailure('SNS Publish', failures[name]);

    // Assess
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ message, status, cause: failures[name] });
  });

  it('makes every failure of the ledger a LedgerError, and of the user pool a DirectoryError, named by the call', () => {
    // Act
    const ledger = Object.values(failures).map((failure) => ledgerFailure('ledger UpdateItem', failure));
    const directory = Object.values(failures).map((failure) => directoryFailure('AdminUpdateUserAttributes', failure));

    // Assess
    expect(ledger.every((error) => error instanceof LedgerError && error.message.startsWith('ledger UpdateItem '))).toBe(true);
    expect(directory.every((error) => error instanceof DirectoryError && error.message.startsWith('AdminUpdateUserAttributes '))).toBe(true);
    expect(directory[4]).toMatchObject({ message: 'AdminUpdateUserAttributes failed: Throttling', status: 400 });
  });

  it("keeps an error that is the port's already, and never quotes a cause's words", () => {
    // Prepare
    const refused = new ProviderRejectedError('Solapi /messages/v4/send answered HTTP 401: SignatureDoesNotMatch', 401);

    // Act / Assess
    expect(providerFailure('Solapi /messages/v4/send', refused)).toBe(refused);
    expect(
      Object.values(failures)
        .map((failure) => providerFailure('x', failure).message)
        .join('\n'),
    ).not.toMatch(/\+8210|ECONNREFUSED/);
  });

  it('gives the secrets reader a few words: the kind, or the code and the status', () => {
    expect(Object.values(failures).map(failureReason)).toEqual([
      'timeout',
      'unreachable',
      'redirect',
      'too-large',
      'Throttling, HTTP 400',
      'malformed, HTTP 200',
      'no-credentials',
      'TypeError',
    ]);
  });
});
