import type { Answerer, AnswerOutcome, CodeLedger, CodeStatus, NewCode, SendClaim, SendLimits } from '../../domain/code-ledger';
import type { ProviderName } from '../../domain/metrics';
import type { PhoneNumber } from '../../domain/phone';
import type { Deadline } from '../../domain/ports';
import {
  codeState,
  DAY_MILLISECONDS,
  dailyCapReached,
  expiresAtAfterSend,
  expiresAtAfterSignIn,
  expiryCutoff,
  liveCode,
  longestResendWaitSeconds,
  nextSendAt,
  type PhoneRecord,
  refusedClaim,
  resendWaitSeconds,
  statusOf,
  utcDay,
} from '../../domain/send-rules';
import type { AwsTarget } from '../aws/services';
import { asItem, type AttributeValue, type Item, num, readNumber, readString, str } from './attribute-values';
import { LedgerError, toLedgerError } from './ledger-error';
import { answererKey, phoneKey } from './phone-key';
import { callTable, readItem } from './table-calls';

export interface DynamoDbLedgerSettings {
  /** OTP_LEDGER_TABLE */
  readonly tableName: string;
  /** OTP_HMAC_SECRET: keys the phone's hash. */
  readonly keySecret: Uint8Array;
  readonly limits: SendLimits;
  /** Where DynamoDB is; by default from the environment (AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION, the keys Lambda sets). */
  readonly aws: AwsTarget;
}

const CONDITION_FAILED = 'ConditionalCheckFailedException';

/**
 * The ledger in DynamoDB: one item per phone, every rule a conditional write on it, never read-then-write.
 * Each method is one UpdateItem; only a refused condition costs a second call (a consistent GetItem), because
 * dynalite ignores `ReturnValuesOnConditionCheckFailure` while DynamoDB answers the old item with the refusal.
 *
 * Item: `pk` = 'phone#' + HMAC(E.164); `codeId`, `proof` (absent when the provider keeps the code), `issuedAt`,
 * `checks` (answers counted), `lastCheck` (the last proof tried: equal to `proof` once answered right),
 * `lastCheckAt` and `lastCheckBy` (a keyed hash of who answered), `spentAt` and `spentBy` (the provider confirmed it,
 * for whom), `lastSentAt`, `prevSentAt` (the send before it, restored when a claim is given back), `d<YYYYMMDD>`
 * (sends that UTC day), `signedInAt` (a code for this phone last signed someone in: the range exemption) with
 * `keepUntil` (when that is forgotten), `holder` (the provider that sent the code after a failover; absent: the primary), `expiresAt` (TTL: `keepUntil` once signed in, else the send rules' need).
 */
export class DynamoDbCodeLedger implements CodeLedger {
  private readonly aws: AwsTarget;

  constructor(private readonly settings: DynamoDbLedgerSettings) {
    this.aws = settings.aws;
  }

  async claimSend(phone: PhoneNumber, code: NewCode, now: number, deadline: Deadline): Promise<SendClaim> {
    const { limits } = this.settings;
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await this.update(phone, claimExpression(code, limits, now), deadline);
      if (answer.ok) {
        const record = toRecord(answer.item, now);
        return {
          kind: 'send',
          code: liveCode(record.code ?? { codeId: code.codeId, issuedAt: now, checks: 0, spent: false }, limits),
          nextSendAt: nextSendAt(record, limits, now),
          signedInBefore: record.signedInBefore,
        };
      }
      const item = answer.old ?? (await this.read(phone, deadline));
      const refused = refusedClaim(toRecord(item, now), limits, now);
      if (refused) return withHolder(refused, item);
      // The read says a send is allowed now (the wait ended, the day turned): claim once more, no further.
    }
    throw new LedgerError('ledger UpdateItem failed: the claim was refused twice though the record allows a send');
  }

  async checkAnswer(phone: PhoneNumber, codeId: string, candidateProof: string, by: Answerer, now: number, deadline: Deadline): Promise<AnswerOutcome> {
    if (candidateProof === '') throw new LedgerError('checkAnswer needs a proof: codes kept by the provider use reserveAttempt');
    const { limits } = this.settings;
    const expression: UpdateExpression = {
      condition:
        'codeId = :id AND attribute_exists(proof) AND checks < :max AND (attribute_not_exists(lastCheck) OR lastCheck <> proof) ' +
        'AND attribute_not_exists(spentAt) AND issuedAt > :cutoff',
      update: 'SET lastCheck = :candidate, lastCheckAt = :now, lastCheckBy = :by ADD checks :one',
      values: {
        ':now': num(now),
        ':by': str(answererKey(this.settings.keySecret, by)),
        ':id': str(codeId),
        ':max': num(limits.maxAttempts),
        ':cutoff': num(expiryCutoff(now, limits.codeTtlSeconds)),
        ':candidate': str(candidateProof),
        ':one': num(1),
      },
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      // The range exemption's marker is written only if the answer is right, in flight with the count: one round trip.
      const [answer] = await Promise.all([
        this.update(phone, expression, deadline),
        attempt === 0 && this.rememberSignIn(phone, codeId, candidateProof, now, deadline),
      ]);
      if (answer.ok) {
        if (readString(answer.item, 'proof') === candidateProof) return { kind: 'correct' };
        return { kind: 'wrong', attemptsLeft: Math.max(0, limits.maxAttempts - (readNumber(answer.item, 'checks') ?? limits.maxAttempts)) };
      }
      const state = codeState(toRecord(answer.old ?? (await this.read(phone, deadline)), now), codeId, limits, now);
      if (state !== 'live') return { kind: 'dead', reason: state };
    }
    throw new LedgerError('ledger UpdateItem failed: the answer was refused twice though the code is live');
  }

  async reserveAttempt(
    phone: PhoneNumber,
    codeId: string,
    now: number,
    deadline: Deadline,
  ): Promise<{ kind: 'reserved'; attemptsLeft: number } | Extract<AnswerOutcome, { kind: 'dead' }>> {
    const { limits } = this.settings;
    const expression: UpdateExpression = {
      condition: 'codeId = :id AND checks < :max AND attribute_not_exists(spentAt) AND issuedAt > :cutoff',
      update: 'ADD checks :one',
      values: { ':id': str(codeId), ':max': num(limits.maxAttempts), ':cutoff': num(expiryCutoff(now, limits.codeTtlSeconds)), ':one': num(1) },
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await this.update(phone, expression, deadline);
      if (answer.ok) return { kind: 'reserved', attemptsLeft: Math.max(0, limits.maxAttempts - (readNumber(answer.item, 'checks') ?? limits.maxAttempts)) };
      const state = codeState(toRecord(answer.old ?? (await this.read(phone, deadline)), now), codeId, limits, now);
      if (state !== 'live') return { kind: 'dead', reason: state };
    }
    throw new LedgerError('ledger UpdateItem failed: the attempt was refused twice though the code is live');
  }

  async markSpent(
    phone: PhoneNumber,
    codeId: string,
    by: Answerer,
    now: number,
    deadline: Deadline,
  ): Promise<{ kind: 'spent' } | Extract<AnswerOutcome, { kind: 'dead' }>> {
    // Only the first approval of this code spends it: a provider approving twice (or concurrent checks) signs in one.
    const expression: UpdateExpression = {
      condition: 'codeId = :id AND attribute_not_exists(spentAt)',
      update: 'SET spentAt = :now, spentBy = :by, signedInAt = :now, keepUntil = :keep, expiresAt = :keep',
      values: { ':id': str(codeId), ':now': num(now), ':by': str(answererKey(this.settings.keySecret, by)), ':keep': num(expiresAtAfterSignIn(now)) },
    };
    const answer = await this.update(phone, expression, deadline);
    if (answer.ok) return { kind: 'spent' };
    const state = codeState(toRecord(answer.old ?? (await this.read(phone, deadline)), now), codeId, this.settings.limits, now);
    // Refused, so spent by another answer or replaced; `exhausted` or `expired` cannot refuse this condition, yet read as dead.
    return { kind: 'dead', reason: state === 'live' ? 'spent' : state };
  }

  async codeStatus(phone: PhoneNumber, codeId: string, now: number, deadline: Deadline): Promise<CodeStatus> {
    const item = await this.read(phone, deadline);
    return withHolder(statusOf(toRecord(item, now), codeId, this.settings.limits, now), item);
  }

  async recordHolder(phone: PhoneNumber, codeId: string, holder: ProviderName, deadline: Deadline): Promise<void> {
    // Only on this very code: a claim since then made a new code, and its holder is its own.
    await this.update(phone, { condition: 'codeId = :id', update: 'SET holder = :holder', values: { ':id': str(codeId), ':holder': str(holder) } }, deadline);
  }

  /**
   * Remembers that a code for this phone signed someone in (the range exemption), for `SIGNED_IN_RETENTION_DAYS`:
   * a write conditional on the answer's proof being the code's, so a wrong answer writes nothing. It goes out with the
   * answer's count, not after it, so it also holds for a right answer the count refuses (the attempts are used up,
   * it came a moment late): the code still reached the handset. It never signs anyone in. Best effort: if it fails
   * the phone is merely not exempt (stricter).
   */
  private async rememberSignIn(phone: PhoneNumber, codeId: string, candidateProof: string, now: number, deadline: Deadline): Promise<void> {
    const { limits } = this.settings;
    const keep = num(expiresAtAfterSignIn(now));
    const expression = {
      // `<=`: the count may land first, making this right answer's `checks` reach the maximum.
      condition: 'codeId = :id AND proof = :candidate AND checks <= :max AND issuedAt > :cutoff',
      update: 'SET signedInAt = :now, keepUntil = :keep, expiresAt = :keep',
      values: {
        ':id': str(codeId),
        ':candidate': str(candidateProof),
        ':max': num(limits.maxAttempts),
        ':cutoff': num(expiryCutoff(now, limits.codeTtlSeconds)),
        ':now': num(now),
        ':keep': keep,
      },
    };
    try {
      await this.update(phone, expression, deadline);
    } catch {
      // Not exempt from the range rule: see above.
    }
  }

  async provenAt(phone: PhoneNumber, user: Answerer, deadline: Deadline): Promise<number | undefined> {
    const item = await this.read(phone, deadline);
    const who = answererKey(this.settings.keySecret, user);
    const spentAt = readNumber(item, 'spentAt');
    if (spentAt !== undefined) return readString(item, 'spentBy') === who ? spentAt : undefined;
    const proof = readString(item, 'proof');
    const answeredRight = proof !== undefined && readString(item, 'lastCheck') === proof;
    return answeredRight && readString(item, 'lastCheckBy') === who ? readNumber(item, 'lastCheckAt') : undefined;
  }

  async releaseSend(phone: PhoneNumber, codeId: string, now: number, deadline: Deadline): Promise<void> {
    // Only the claim's own code, never answered: a code replaced meanwhile, or one a user already answered, stays as it is.
    // The send is given back: the previous send's time and today's count (under the claim's day) as they were before it.
    const expression: UpdateExpression = {
      condition: 'codeId = :id AND checks = :zero AND attribute_not_exists(spentAt) AND attribute_not_exists(lastCheck) AND #day > :zero',
      update: 'SET lastSentAt = if_not_exists(prevSentAt, :zero) REMOVE codeId, proof, issuedAt, checks, prevSentAt ADD #day :minusOne',
      values: { ':id': str(codeId), ':zero': num(0), ':minusOne': num(-1) },
      names: { '#day': dayAttribute(now) },
    };
    await this.update(phone, expression, deadline);
  }

  private async update(
    phone: PhoneNumber,
    expression: UpdateExpression,
    deadline: Deadline,
  ): Promise<{ ok: true; item: Item } | { ok: false; old: Item | undefined }> {
    const input = {
      TableName: this.settings.tableName,
      Key: { pk: str(phoneKey(this.settings.keySecret, phone)) },
      ConditionExpression: expression.condition,
      UpdateExpression: expression.update,
      ExpressionAttributeValues: expression.values,
      ...(expression.names && { ExpressionAttributeNames: expression.names }),
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    };
    const answer = await callTable(this.aws, 'UpdateItem', input, deadline);
    if (answer.ok) {
      const item = asItem(answer.output.Attributes);
      if (!item) throw new LedgerError('ledger UpdateItem answered without the item');
      return { ok: true, item };
    }
    if (answer.error.code === CONDITION_FAILED) return { ok: false, old: asItem(answer.details.Item) };
    throw toLedgerError(answer.error);
  }

  private read(phone: PhoneNumber, deadline: Deadline): Promise<Item | undefined> {
    return readItem(this.aws, this.settings.tableName, phoneKey(this.settings.keySecret, phone), deadline);
  }
}

interface UpdateExpression {
  readonly condition: string;
  readonly update: string;
  readonly values: Record<string, AttributeValue>;
  readonly names?: Record<string, string>;
}

const dayAttribute = (now: number): string => `d${utcDay(now)}`;

/**
 * The claim as one conditional write. The condition is the send rule itself: under today's cap, and past the
 * wait that today's count implies, as a disjunction over the counts (`#day = :n1 AND lastSentAt <= :t1 OR …`),
 * the counts whose wait has reached its ceiling folded into one `>=` term. The update makes the new code, resets
 * its answers, counts the send under today's name, and drops the two previous days' counters.
 */
function claimExpression(code: NewCode, limits: SendLimits, now: number): UpdateExpression {
  const values: Record<string, AttributeValue> = {
    ':t0': num(now - resendWaitSeconds(0, limits) * 1000),
    ':id': str(code.codeId),
    ':now': num(now),
    ':zero': num(0),
    ':one': num(1),
    ':exp': num(expiresAtAfterSend(limits, now)),
  };
  // A claim given back leaves today's count at 0 rather than absent.
  const waits = ['((attribute_not_exists(#day) OR #day = :zero) AND lastSentAt <= :t0)'];
  const ceiling = longestResendWaitSeconds(limits);
  // Bounded: the wait reaches its ceiling within 31 doublings, or the cap comes first.
  for (let sends = 1; !dailyCapReached(sends, limits) && sends <= 31; sends++) {
    const wait = resendWaitSeconds(sends, limits);
    values[`:n${sends}`] = num(sends);
    values[`:t${sends}`] = num(now - wait * 1000);
    if (wait >= ceiling) {
      waits.push(`(#day >= :n${sends} AND lastSentAt <= :t${sends})`);
      break;
    }
    waits.push(`(#day = :n${sends} AND lastSentAt <= :t${sends})`);
  }
  // A phone that signed someone in keeps its record (and its range exemption) until `keepUntil`.
  const set = [
    'codeId = :id',
    'issuedAt = :now',
    'prevSentAt = if_not_exists(lastSentAt, :zero)',
    'lastSentAt = :now',
    'checks = :zero',
    'expiresAt = if_not_exists(keepUntil, :exp)',
  ];
  // A new code is the primary's until a failover records otherwise.
  const remove = ['holder', 'lastCheck', 'lastCheckAt', 'lastCheckBy', 'spentAt', 'spentBy', '#day1', '#day2'];
  if (code.proof === '') remove.push('proof');
  else {
    set.push('proof = :proof');
    values[':proof'] = str(code.proof);
  }
  const underCap = limits.maxSendsPerPhonePerDay > 0 ? '(attribute_not_exists(#day) OR #day < :cap) AND ' : '';
  if (underCap) values[':cap'] = num(limits.maxSendsPerPhonePerDay);
  return {
    condition: `${underCap}(attribute_not_exists(lastSentAt) OR ${waits.join(' OR ')})`,
    update: `SET ${set.join(', ')} REMOVE ${remove.join(', ')} ADD #day :one`,
    values,
    names: { '#day': dayAttribute(now), '#day1': dayAttribute(now - DAY_MILLISECONDS), '#day2': dayAttribute(now - 2 * DAY_MILLISECONDS) },
  };
}

/** A live answer with the provider holding its code, when the item names one (absent: the primary). */
function withHolder<T extends { readonly kind: string }>(answer: T, item: Item | undefined): T {
  const holder = readString(item, 'holder');
  return answer.kind === 'live' && holder !== undefined ? { ...answer, holder } : answer;
}

/** The item as the pure rules see it, with today's count by `now`'s UTC day. */
function toRecord(item: Item | undefined, now: number): PhoneRecord {
  const codeId = readString(item, 'codeId');
  const proof = readString(item, 'proof');
  const spent = readNumber(item, 'spentAt') !== undefined || (proof !== undefined && readString(item, 'lastCheck') === proof);
  const keepUntil = readNumber(item, 'keepUntil');
  return {
    ...(codeId !== undefined && { code: { codeId, issuedAt: readNumber(item, 'issuedAt') ?? 0, checks: readNumber(item, 'checks') ?? 0, spent } }),
    ...(readNumber(item, 'lastSentAt') !== undefined && { lastSentAt: readNumber(item, 'lastSentAt') }),
    sendsToday: readNumber(item, dayAttribute(now)) ?? 0,
    signedInBefore: readNumber(item, 'signedInAt') !== undefined && keepUntil !== undefined && keepUntil * 1000 > now,
  };
}
