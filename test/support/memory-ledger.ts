import type { Answerer, AnswerOutcome, CodeLedger, CodeStatus, NewCode, SendClaim, SendLimits } from '../../src/domain/code-ledger';
import {
  type BudgetCharge,
  type BudgetLimits,
  type BudgetWindow,
  budgetWindows,
  type CounterAnswer,
  counterAnswer,
  type CounterPart,
  type SendBudget,
} from '../../src/domain/send-budget';
import type { PhoneNumber } from '../../src/domain/phone';
import {
  afterRelease,
  afterSend,
  codeState,
  liveCode,
  nextSendAt,
  type PhoneRecord,
  refusedClaim,
  SIGNED_IN_RETENTION_DAYS,
  statusOf,
  utcDay,
} from '../../src/domain/send-rules';

interface MemoryEntry {
  record: PhoneRecord;
  /** When the code last signed someone in, and who (see `who`). */
  proven?: { at: number; by: string };
  day: string;
  proof: string;
  /** When a code for this phone last signed someone in: the range exemption, for `SIGNED_IN_RETENTION_DAYS`. */
  signedInAt?: number;
  /** The provider that sent the code after a failover; absent: the primary. */
  holder?: string;
}

/**
 * A ledger in one process's memory, on the same pure rules as the DynamoDB adapter: for domain unit tests only.
 * It shares nothing across instances, so it must never serve a deployed or local function.
 */
export class MemoryCodeLedger implements CodeLedger {
  private readonly entries = new Map<string, MemoryEntry>();

  constructor(private readonly limits: SendLimits) {}

  async claimSend(phone: PhoneNumber, code: NewCode, now: number): Promise<SendClaim> {
    const record = this.record(phone, now);
    const refused = refusedClaim(record, this.limits, now);
    if (refused) return this.withHolder(refused, phone);
    const next = afterSend(record, code.codeId, now);
    const { signedInAt } = this.entries.get(phone) ?? {};
    this.entries.set(phone, { record: next, day: utcDay(now), proof: code.proof, ...(signedInAt !== undefined && { signedInAt }) });
    return { kind: 'send', code: liveCode(next.code!, this.limits), nextSendAt: nextSendAt(next, this.limits, now), signedInBefore: next.signedInBefore };
  }

  async checkAnswer(phone: PhoneNumber, codeId: string, candidateProof: string, by: Answerer, now: number): Promise<AnswerOutcome> {
    const entry = this.entries.get(phone);
    const state = codeState(entry && this.record(phone, now), codeId, this.limits, now);
    if (!entry?.record.code || state !== 'live') return { kind: 'dead', reason: state === 'live' ? 'expired' : state };
    const correct = entry.proof !== '' && candidateProof === entry.proof;
    const code = { ...entry.record.code, checks: entry.record.code.checks + 1, spent: correct };
    entry.record = { ...entry.record, code };
    if (correct) [entry.proven, entry.signedInAt] = [{ at: now, by: who(by) }, now];
    return correct ? { kind: 'correct' } : { kind: 'wrong', attemptsLeft: liveCode(code, this.limits).attemptsLeft };
  }

  async reserveAttempt(
    phone: PhoneNumber,
    codeId: string,
    now: number,
  ): Promise<{ kind: 'reserved'; attemptsLeft: number } | Extract<AnswerOutcome, { kind: 'dead' }>> {
    const entry = this.entries.get(phone);
    const state = codeState(entry && this.record(phone, now), codeId, this.limits, now);
    if (!entry?.record.code || state !== 'live') return { kind: 'dead', reason: state === 'live' ? 'expired' : state };
    const code = { ...entry.record.code, checks: entry.record.code.checks + 1 };
    entry.record = { ...entry.record, code };
    return { kind: 'reserved', attemptsLeft: liveCode(code, this.limits).attemptsLeft };
  }

  async markSpent(phone: PhoneNumber, codeId: string, by: Answerer, now: number): Promise<{ kind: 'spent' } | Extract<AnswerOutcome, { kind: 'dead' }>> {
    const entry = this.entries.get(phone);
    const code = entry?.record.code;
    // As the DynamoDB adapter's condition: this code, not spent yet; exhaustion or expiry do not stop the spend.
    if (!entry || code?.codeId !== codeId || code.spent) {
      const state = codeState(entry && this.record(phone, now), codeId, this.limits, now);
      return { kind: 'dead', reason: state === 'live' ? 'spent' : state };
    }
    entry.record = { ...entry.record, code: { ...code, spent: true } };
    [entry.proven, entry.signedInAt] = [{ at: now, by: who(by) }, now];
    return { kind: 'spent' };
  }

  async codeStatus(phone: PhoneNumber, codeId: string, now: number): Promise<CodeStatus> {
    return this.withHolder(statusOf(this.record(phone, now), codeId, this.limits, now), phone);
  }

  async recordHolder(phone: PhoneNumber, codeId: string, holder: string): Promise<void> {
    const entry = this.entries.get(phone);
    // As the DynamoDB adapter's condition: only on this very code.
    if (entry?.record.code?.codeId === codeId) entry.holder = holder;
  }

  private withHolder<T extends { readonly kind: string }>(answer: T, phone: PhoneNumber): T {
    const holder = this.entries.get(phone)?.holder;
    return answer.kind === 'live' && holder !== undefined ? { ...answer, holder } : answer;
  }

  async provenAt(phone: PhoneNumber, user: Answerer): Promise<number | undefined> {
    const proven = this.entries.get(phone)?.proven;
    return proven?.by === who(user) ? proven.at : undefined;
  }

  async releaseSend(phone: PhoneNumber, codeId: string, now: number): Promise<void> {
    const entry = this.entries.get(phone);
    const record = this.record(phone, now);
    const code = record?.code;
    // As the DynamoDB adapter's condition: only the claim's own code, never answered; its send is given back.
    if (!entry || !record || code?.codeId !== codeId || code.checks > 0 || code.spent) return;
    entry.record = afterRelease(record);
    entry.day = utcDay(now);
    entry.proof = '';
  }

  /** The stored record with today's count by `now` (a new UTC day starts at 0), and whether it signed someone in lately. */
  private record(phone: PhoneNumber, now: number): PhoneRecord | undefined {
    const entry = this.entries.get(phone);
    if (!entry) return undefined;
    const signedInBefore = entry.signedInAt !== undefined && now < entry.signedInAt + SIGNED_IN_RETENTION_DAYS * 86_400_000;
    return { ...entry.record, signedInBefore, ...(entry.day !== utcDay(now) && { sendsToday: 0 }) };
  }
}

const who = (by: Answerer): string => JSON.stringify([by.poolId, by.userName]);

/**
 * The send budget in one process's memory, for domain unit tests only. Instances given one `counts` share their
 * counters, as the function's instances share a table.
 */
export class MemorySendBudget implements SendBudget {
  constructor(
    private readonly limits: BudgetLimits,
    private readonly counts = new Map<string, number>(),
  ) {}

  async charge(phone: PhoneNumber, now: number, _deadline: unknown, weight: 0 | 1): Promise<BudgetCharge> {
    const windows = budgetWindows(phone, now, this.limits);
    return { range: this.count([windows.range], weight), pool: this.count(windows.pool, weight), weight, windows };
  }

  async refund(charge: BudgetCharge, parts: readonly CounterPart[]): Promise<void> {
    const windowsOf = { range: [charge.windows.range], pool: charge.windows.pool };
    for (const part of parts.filter((counted) => charge[counted].kind === 'counted')) {
      for (const window of windowsOf[part]) this.counts.set(keyOf(window), Math.max(0, this.countOf(window) - charge.weight));
    }
  }

  /** One counter: its windows counted together, or not at all when one is full. */
  private count(windows: readonly BudgetWindow[], weight: 0 | 1): CounterAnswer {
    const answer = counterAnswer(windows, this.countsOf(windows));
    if (answer.kind === 'counted') for (const window of windows) this.counts.set(keyOf(window), this.countOf(window) + weight);
    return answer;
  }

  private countsOf(windows: readonly BudgetWindow[]): number[] {
    return windows.map((window) => this.countOf(window));
  }

  private countOf(window: BudgetWindow): number {
    return this.counts.get(keyOf(window)) ?? 0;
  }
}

const keyOf = (window: BudgetWindow): string => `${window.kind}#${window.range ?? ''}#${window.period}`;
