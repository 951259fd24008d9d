import type { Answerer, AnswerOutcome, CodeLedger, NewCode, SendClaim, SendLimits } from '../../domain/code-ledger';
import { type BudgetCharge, type BudgetLimits, budgetSteps, type BudgetWindow, budgetWindows, firstFull, type SendBudget } from '../../domain/send-budget';
import type { PhoneNumber } from '../../domain/phone';
import { afterSend, codeState, liveCode, nextSendAt, type PhoneRecord, refusedClaim, utcDay } from '../../domain/send-rules';

interface MemoryEntry {
  record: PhoneRecord;
  /** When the code last signed someone in, and who (see `who`). */
  proven?: { at: number; by: string };
  day: string;
  proof: string;
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
    if (refused) return refused;
    const next = afterSend(record, code.codeId, now);
    this.entries.set(phone, { record: next, day: utcDay(now), proof: code.proof });
    return { kind: 'send', code: liveCode(next.code!, this.limits), nextSendAt: nextSendAt(next, this.limits, now) };
  }

  async checkAnswer(phone: PhoneNumber, codeId: string, candidateProof: string, by: Answerer, now: number): Promise<AnswerOutcome> {
    const entry = this.entries.get(phone);
    const state = codeState(entry && this.record(phone, now), codeId, this.limits, now);
    if (!entry?.record.code || state !== 'live') return { kind: 'dead', reason: state === 'live' ? 'expired' : state };
    const correct = entry.proof !== '' && candidateProof === entry.proof;
    const code = { ...entry.record.code, checks: entry.record.code.checks + 1, spent: correct };
    entry.record = { ...entry.record, code };
    if (correct) entry.proven = { at: now, by: who(by) };
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

  async markSpent(phone: PhoneNumber, codeId: string, by: Answerer, now: number): Promise<void> {
    const entry = this.entries.get(phone);
    if (entry?.record.code?.codeId === codeId) {
      entry.record = { ...entry.record, code: { ...entry.record.code, spent: true } };
      entry.proven = { at: now, by: who(by) };
    }
  }

  async provenAt(phone: PhoneNumber, user: Answerer): Promise<number | undefined> {
    const proven = this.entries.get(phone)?.proven;
    return proven?.by === who(user) ? proven.at : undefined;
  }

  async releaseSend(phone: PhoneNumber, codeId: string, now: number): Promise<void> {
    const entry = this.entries.get(phone);
    const record = this.record(phone, now);
    const code = record?.code;
    // As the DynamoDB adapter's condition: only the claim's own code, never answered; the day's count stays.
    if (!entry || !record || code?.codeId !== codeId || code.checks > 0 || code.spent) return;
    const { sendsToday } = record;
    entry.record = { sendsToday };
    entry.day = utcDay(now);
    entry.proof = '';
  }

  /** The stored record with today's count by `now` (a new UTC day starts at 0). */
  private record(phone: PhoneNumber, now: number): PhoneRecord | undefined {
    const entry = this.entries.get(phone);
    if (!entry) return undefined;
    return entry.day === utcDay(now) ? entry.record : { ...entry.record, sendsToday: 0 };
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

  async charge(phone: PhoneNumber, now: number): Promise<BudgetCharge> {
    for (const step of budgetSteps(phone, now, this.limits)) {
      const refusal = firstFull(step, this.countsOf(step));
      if (refusal.kind === 'refused') return refusal;
      for (const window of step) this.counts.set(keyOf(window), this.count(window) + 1);
    }
    return { kind: 'ok' };
  }

  async peek(phone: PhoneNumber, now: number): Promise<BudgetCharge> {
    const windows = budgetWindows(phone, now, this.limits);
    return firstFull(windows, this.countsOf(windows));
  }

  private countsOf(windows: readonly BudgetWindow[]): number[] {
    return windows.map((window) => this.count(window));
  }

  private count(window: BudgetWindow): number {
    return this.counts.get(keyOf(window)) ?? 0;
  }
}

const keyOf = (window: BudgetWindow): string => `${window.kind}#${window.range ?? ''}#${window.period}`;
