import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoDbSendBudget } from '../../../src/adapters/ledger/dynamodb-budget';
import { DynamoDbCodeLedger } from '../../../src/adapters/ledger/dynamodb-ledger';
import { MemoryCodeLedger, MemorySendBudget } from '../../support/memory-ledger';
import type { CodeLedger, SendLimits } from '../../../src/domain/code-ledger';
import type { PhoneNumber } from '../../../src/domain/phone';
import { type BudgetLimits, budgetVerdict, partsToRefund, type SendBudget } from '../../../src/domain/send-budget';
import { noDeadline } from '../../support/fakes';
import { useLedgerTable } from '../../support/ledger-table';

const LIMITS: SendLimits = { resendIntervalSeconds: 60, maxResendWaitSeconds: 1800, maxSendsPerPhonePerDay: 10, codeTtlSeconds: 300, maxAttempts: 3 };
const BUDGET: BudgetLimits = { maxSendsPerRangePerHour: 3, smsBudgetPerHour: 5, smsBudgetPerDay: 7 };
const T0 = Date.parse('2026-11-24T10:00:00Z');
const SECRET = new Uint8Array(32).fill(7);
const d = noDeadline();
const USER = { poolId: 'ap-northeast-2_Pool', userName: 'the-owner' };
const OTHER_USER = { poolId: 'ap-northeast-2_Pool', userName: 'another-account' };

let serial = 0;
/** A fresh phone per test, so tests share one table without meeting. */
const freshPhone = () => `+8210${String(10_000_000 + ++serial * 7919).slice(-8)}` as PhoneNumber;

const table = useLedgerTable();
const ledgers: Record<string, (limits?: SendLimits) => CodeLedger> = {
  memory: (limits = LIMITS) => new MemoryCodeLedger(limits),
  dynamodb: (limits = LIMITS) => new DynamoDbCodeLedger({ tableName: table().table.tableName, keySecret: SECRET, limits, aws: table().aws }),
};
// One store for every memory budget, as every DynamoDB budget shares the table: each test takes its own day.
const memoryCounters = new Map<string, number>();
const budgets: Record<string, (limits?: BudgetLimits) => SendBudget> = {
  memory: (limits = BUDGET) => new MemorySendBudget(limits, memoryCounters),
  // A table per budget test would be slow; a fresh secret gives fresh range keys, and each test takes its own hour.
  dynamodb: (limits = BUDGET) => new DynamoDbSendBudget({ tableName: table().table.tableName, keySecret: SECRET, limits, aws: table().aws }),
};

describe.each(Object.keys(ledgers))('CodeLedger contract: %s', (name) => {
  const make = ledgers[name]!;
  const code = (proof = `proof-${randomUUID()}`) => ({ codeId: randomUUID(), proof });

  it('claims the first send with a fresh code and the wait ahead', async () => {
    // Prepare
    const ledger = make();
    const first = code();

    // Act
    const claim = await ledger.claimSend(freshPhone(), first, T0, d);

    // Assess
    expect(claim).toEqual({ kind: 'send', code: { codeId: first.codeId, issuedAt: T0, attemptsLeft: 3 }, nextSendAt: T0 + 60_000, signedInBefore: false });
  });

  it('continues with the live code within the wait, sending nothing', async () => {
    // Prepare
    const [ledger, phone, first] = [make(), freshPhone(), code()];
    await ledger.claimSend(phone, first, T0, d);

    // Act
    const again = await ledger.claimSend(phone, code(), T0 + 59_000, d);

    // Assess
    expect(again).toEqual({ kind: 'live', code: { codeId: first.codeId, issuedAt: T0, attemptsLeft: 3 }, nextSendAt: T0 + 60_000 });
  });

  it('doubles the wait with each send today, up to the ceiling', async () => {
    // Prepare
    const [ledger, phone] = [make({ ...LIMITS, maxResendWaitSeconds: 300 }), freshPhone()];
    let now = T0;
    const waits: number[] = [];

    // Act
    for (let i = 0; i < 5; i++) {
      const claim = await ledger.claimSend(phone, code(), now, d);
      if (claim.kind !== 'send') throw new Error(`send ${i} was ${claim.kind}`);
      const early = await ledger.claimSend(phone, code(), claim.nextSendAt - 1000, d);
      expect(early.kind).toBe('live');
      waits.push((claim.nextSendAt - now) / 1000);
      now = claim.nextSendAt;
    }

    // Assess
    expect(waits).toEqual([60, 120, 240, 300, 300]);
  });

  it('refuses a send within the wait when the code is dead, saying when to retry', async () => {
    // Prepare
    const [ledger, phone, first] = [make(), freshPhone(), code()];
    await ledger.claimSend(phone, first, T0, d);
    for (let i = 0; i < 3; i++) await ledger.checkAnswer(phone, first.codeId, 'wrong', USER, T0 + 1000, d);

    // Act
    const claim = await ledger.claimSend(phone, code(), T0 + 2000, d);

    // Assess
    expect(claim).toEqual({ kind: 'refused', rule: 'resend-wait', retryAt: T0 + 60_000 });
  });

  it('stops at the daily cap until the UTC day turns', async () => {
    // Prepare
    const limits = { ...LIMITS, maxSendsPerPhonePerDay: 3, maxResendWaitSeconds: 60 };
    const [ledger, phone] = [make(limits), freshPhone()];
    const evening = Date.parse('2026-11-24T20:00:00Z');
    for (let i = 0; i < 3; i++) expect((await ledger.claimSend(phone, code(), evening + i * 120_000, d)).kind).toBe('send');

    // Act
    const capped = await ledger.claimSend(phone, code(), evening + 3_600_000, d);
    const tomorrow = await ledger.claimSend(phone, code(), Date.parse('2026-11-25T00:00:01Z'), d);

    // Assess
    expect(capped).toEqual({ kind: 'refused', rule: 'phone-daily-cap', retryAt: Date.parse('2026-11-25T00:00:00Z') });
    expect(tomorrow.kind).toBe('send');
  });

  it('holds the plain interval across midnight', async () => {
    // Prepare
    const [ledger, phone] = [make(), freshPhone()];
    await ledger.claimSend(phone, code(), Date.parse('2026-11-24T23:59:50Z'), d);

    // Act
    const justAfter = await ledger.claimSend(phone, code(), Date.parse('2026-11-25T00:00:10Z'), d);
    const later = await ledger.claimSend(phone, code(), Date.parse('2026-11-25T00:00:51Z'), d);

    // Assess
    expect(justAfter.kind).toBe('live');
    expect(later.kind).toBe('send');
  });

  it('counts wrong answers per code and refuses even the right one after maxAttempts', async () => {
    // Prepare
    const [ledger, phone, first] = [make(), freshPhone(), code()];
    await ledger.claimSend(phone, first, T0, d);

    // Act
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await ledger.checkAnswer(phone, first.codeId, `wrong-${i}`, USER, T0 + 1000, d));
    const right = await ledger.checkAnswer(phone, first.codeId, first.proof, USER, T0 + 2000, d);

    // Assess
    expect(outcomes).toEqual([
      { kind: 'wrong', attemptsLeft: 2 },
      { kind: 'wrong', attemptsLeft: 1 },
      { kind: 'wrong', attemptsLeft: 0 },
    ]);
    expect(right).toEqual({ kind: 'dead', reason: 'exhausted' });
  });

  it('accepts the right answer once: a used code is spent', async () => {
    // Prepare
    const [ledger, phone, first] = [make(), freshPhone(), code()];
    await ledger.claimSend(phone, first, T0, d);

    // Act
    const once = await ledger.checkAnswer(phone, first.codeId, first.proof, USER, T0 + 1000, d);
    const replay = await ledger.checkAnswer(phone, first.codeId, first.proof, USER, T0 + 2000, d);
    const claim = await ledger.claimSend(phone, code(), T0 + 3000, d);

    // Assess
    expect(once).toEqual({ kind: 'correct' });
    expect(replay).toEqual({ kind: 'dead', reason: 'spent' });
    expect(claim).toMatchObject({ kind: 'refused', rule: 'resend-wait' });
  });

  it('retires the previous code with each send', async () => {
    // Prepare
    const [ledger, phone, first, second] = [make(), freshPhone(), code(), code()];
    await ledger.claimSend(phone, first, T0, d);
    await ledger.claimSend(phone, second, T0 + 60_000, d);

    // Act
    const old = await ledger.checkAnswer(phone, first.codeId, first.proof, USER, T0 + 61_000, d);
    const current = await ledger.checkAnswer(phone, second.codeId, second.proof, USER, T0 + 61_000, d);

    // Assess
    expect(old).toEqual({ kind: 'dead', reason: 'replaced' });
    expect(current).toEqual({ kind: 'correct' });
  });

  it('refuses an expired code', async () => {
    // Prepare
    const [ledger, phone, first] = [make(), freshPhone(), code()];
    await ledger.claimSend(phone, first, T0, d);

    // Act
    const late = await ledger.checkAnswer(phone, first.codeId, first.proof, USER, T0 + 300_000, d);

    // Assess
    expect(late).toEqual({ kind: 'dead', reason: 'expired' });
  });

  it('knows no code for a phone never sent to', async () => {
    expect(await make().checkAnswer(freshPhone(), 'nope', 'proof', USER, T0, d)).toEqual({ kind: 'dead', reason: 'expired' });
  });

  it('reserves attempts for a provider-kept code and spends it on success', async () => {
    // Prepare
    const [ledger, phone, kept] = [make(), freshPhone(), code('')];
    await ledger.claimSend(phone, kept, T0, d);

    // Act
    const first = await ledger.reserveAttempt(phone, kept.codeId, T0 + 1000, d);
    await ledger.markSpent(phone, kept.codeId, USER, T0 + 1000, d);
    const after = await ledger.reserveAttempt(phone, kept.codeId, T0 + 2000, d);

    // Assess
    expect(first).toEqual({ kind: 'reserved', attemptsLeft: 2 });
    expect(after).toEqual({ kind: 'dead', reason: 'spent' });
  });

  it('stops reserving after maxAttempts', async () => {
    // Prepare
    const [ledger, phone, kept] = [make(), freshPhone(), code('')];
    await ledger.claimSend(phone, kept, T0, d);

    // Act
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await ledger.reserveAttempt(phone, kept.codeId, T0 + 1000, d));

    // Assess
    expect(outcomes.map((o) => (o.kind === 'reserved' ? o.attemptsLeft : o.reason))).toEqual([2, 1, 0, 'exhausted']);
  });

  it('binds the proof of a right answer to the user who gave it, for that number only', async () => {
    // Prepare
    const [ledger, phone, first] = [make(), freshPhone(), code()];
    await ledger.claimSend(phone, first, T0, d);
    const before = await ledger.provenAt(phone, USER, d);

    // Act
    await ledger.checkAnswer(phone, first.codeId, first.proof, USER, T0 + 1000, d);

    // Assess
    expect(before).toBeUndefined();
    expect(await ledger.provenAt(phone, USER, d)).toBe(T0 + 1000);
    expect(await ledger.provenAt(phone, OTHER_USER, d)).toBeUndefined();
    expect(await ledger.provenAt(phone, { ...USER, poolId: 'ap-northeast-2_Other' }, d)).toBeUndefined();
    expect(await ledger.provenAt(freshPhone(), USER, d)).toBeUndefined();
  });

  it('proves nothing by a wrong answer, and binds a provider-kept code to the user it was spent for', async () => {
    // Prepare
    const [ledger, phone, wrongPhone, first, kept] = [make(), freshPhone(), freshPhone(), code(), code('')];
    await ledger.claimSend(wrongPhone, first, T0, d);
    await ledger.checkAnswer(wrongPhone, first.codeId, 'wrong', USER, T0 + 1000, d);
    await ledger.claimSend(phone, kept, T0, d);
    await ledger.reserveAttempt(phone, kept.codeId, T0 + 1000, d);

    // Act
    await ledger.markSpent(phone, kept.codeId, OTHER_USER, T0 + 2000, d);

    // Assess
    expect(await ledger.provenAt(wrongPhone, USER, d)).toBeUndefined();
    expect(await ledger.provenAt(phone, OTHER_USER, d)).toBe(T0 + 2000);
    expect(await ledger.provenAt(phone, USER, d)).toBeUndefined();
  });

  it('gives back a claim for which nothing was sent: its code goes, and its send counts toward no limit', async () => {
    // Prepare: a real send, then a claim after the wait that is given back (say, the range refused it).
    const [ledger, phone, sent, refused] = [make(), freshPhone(), code(), code()];
    await ledger.claimSend(phone, sent, T0, d);
    await ledger.claimSend(phone, refused, T0 + 60_000, d);

    // Act
    await ledger.releaseSend(phone, refused.codeId, T0 + 60_000, d);
    const dead = await ledger.checkAnswer(phone, refused.codeId, refused.proof, USER, T0 + 60_100, d);
    const retry = await ledger.claimSend(phone, code(), T0 + 60_200, d);

    // Assess: the retry is the day's second send (a 120 s wait after it), as if the given-back claim never was.
    expect(dead.kind).toBe('dead');
    expect(retry).toMatchObject({ kind: 'send', code: { issuedAt: T0 + 60_200, attemptsLeft: 3 }, nextSendAt: T0 + 60_200 + 120_000 });
  });

  it("gives back a phone's very first claim: the next one is a first send again", async () => {
    // Prepare
    const [ledger, phone, refused] = [make(), freshPhone(), code()];
    await ledger.claimSend(phone, refused, T0, d);
    await ledger.releaseSend(phone, refused.codeId, T0, d);

    // Act
    const retry = await ledger.claimSend(phone, code(), T0 + 1, d);

    // Assess
    expect(retry).toMatchObject({ kind: 'send', nextSendAt: T0 + 1 + 60_000 });
  });

  it('keeps the wait since the last real send when a claim is given back', async () => {
    // Prepare: two real sends (the wait after the second is 120 s), then a claim right after that wait, given back.
    const [ledger, phone] = [make(), freshPhone()];
    await ledger.claimSend(phone, code(), T0, d);
    await ledger.claimSend(phone, code(), T0 + 60_000, d);
    const given = code();
    await ledger.claimSend(phone, given, T0 + 180_000, d);
    await ledger.releaseSend(phone, given.codeId, T0 + 180_000, d);

    // Act
    const early = await ledger.claimSend(phone, code(), T0 + 170_000, d);
    const onTime = await ledger.claimSend(phone, code(), T0 + 180_000, d);

    // Assess
    expect(early.kind).toBe('refused');
    expect(onTime).toMatchObject({ kind: 'send', nextSendAt: T0 + 180_000 + 240_000 });
  });

  it('never refuses for the day without a daily cap (the default): the backoff stops growing at the longest wait', async () => {
    // Prepare: no cap; sends as fast as the waits allow, all day.
    const [ledger, phone] = [make({ ...LIMITS, maxSendsPerPhonePerDay: 0 }), freshPhone()];
    const day = Date.parse('2026-11-26T00:00:00Z');
    let now = day;
    const waits: number[] = [];

    // Act
    while (now < day + 86_400_000) {
      const claim = await ledger.claimSend(phone, code(), now, d);
      if (claim.kind !== 'send') throw new Error(`a send at ${new Date(now).toISOString()} was ${claim.kind}`);
      waits.push((claim.nextSendAt - now) / 1000);
      now = claim.nextSendAt;
    }

    // Assess: 60, 120, …, 960, then 1800 s forever; 52 sends in the UTC day with a 60 s first wait.
    expect(waits.slice(0, 7)).toEqual([60, 120, 240, 480, 960, 1800, 1800]);
    expect(new Set(waits.slice(5))).toEqual(new Set([1800]));
    expect(waits).toHaveLength(52);
  });

  it('marks a phone whose code signed someone in, through every later send: made here or kept by the provider', async () => {
    // Prepare
    const [ledger, madeHere, kept, never] = [make(), freshPhone(), freshPhone(), freshPhone()];
    const [right, keptCode] = [code(), code('')];
    await ledger.claimSend(madeHere, right, T0, d);
    await ledger.claimSend(kept, keptCode, T0, d);
    await ledger.claimSend(never, code(), T0, d);
    await ledger.checkAnswer(madeHere, right.codeId, right.proof, USER, T0 + 1000, d);
    await ledger.reserveAttempt(kept, keptCode.codeId, T0 + 1000, d);
    await ledger.markSpent(kept, keptCode.codeId, USER, T0 + 1000, d);

    // Act: later sends, the second one days later.
    const later = await Promise.all([madeHere, kept, never].map((phone) => ledger.claimSend(phone, code(), T0 + 60_000, d)));
    const daysLater = await ledger.claimSend(madeHere, code(), T0 + 5 * 86_400_000, d);

    // Assess
    expect(later.map((claim) => claim.kind === 'send' && claim.signedInBefore)).toEqual([true, true, false]);
    expect(daysLater).toMatchObject({ kind: 'send', signedInBefore: true });
  });

  it('spends a provider-kept code once: of many approvals, one is spent, the others are told it is dead', async () => {
    // Prepare: the attempts reserved, as Verify does before it asks the provider.
    const [ledger, phone, kept] = [make(), freshPhone(), code('')];
    await ledger.claimSend(phone, kept, T0, d);
    await Promise.all([1, 2, 3].map(() => ledger.reserveAttempt(phone, kept.codeId, T0 + 1000, d)));

    // Act
    const spends = await Promise.all(Array.from({ length: 20 }, () => ledger.markSpent(phone, kept.codeId, USER, T0 + 1000, d)));

    // Assess
    expect(spends.filter((spend) => spend.kind === 'spent')).toHaveLength(1);
    expect(spends.filter((spend) => spend.kind !== 'spent')).toEqual(Array.from({ length: 19 }, () => ({ kind: 'dead', reason: 'spent' })));
  });

  it('tells a later round what became of its code: live with the attempts left, or spent, and when a new send is allowed', async () => {
    // Prepare
    const [ledger, phone, first] = [make(), freshPhone(), code()];
    await ledger.claimSend(phone, first, T0, d);
    await ledger.checkAnswer(phone, first.codeId, 'wrong', USER, T0 + 1000, d);
    const live = await ledger.codeStatus(phone, first.codeId, T0 + 2000, d);

    // Act
    await ledger.checkAnswer(phone, first.codeId, first.proof, USER, T0 + 3000, d);
    const spent = await ledger.codeStatus(phone, first.codeId, T0 + 4000, d);
    const unknown = await ledger.codeStatus(freshPhone(), 'nope', T0, d);

    // Assess
    expect(live).toEqual({ kind: 'live', attemptsLeft: 2, nextSendAt: T0 + 60_000 });
    expect(spent).toEqual({ kind: 'dead', reason: 'spent', nextSendAt: T0 + 60_000 });
    expect(unknown).toEqual({ kind: 'dead', reason: 'expired', nextSendAt: T0 });
  });

  it('expires a code at exactly its time to live, by the one rule every adapter shares', async () => {
    // Prepare
    const [ledger, phone, first, kept, keptPhone] = [make(), freshPhone(), code(), code(''), freshPhone()];
    await ledger.claimSend(phone, first, T0, d);
    await ledger.claimSend(keptPhone, kept, T0, d);
    const ttl = LIMITS.codeTtlSeconds * 1000;

    // Act
    const justBefore = await ledger.checkAnswer(phone, first.codeId, 'wrong', USER, T0 + ttl - 1, d);
    const atTtl = await ledger.checkAnswer(phone, first.codeId, first.proof, USER, T0 + ttl, d);
    const keptAtTtl = await ledger.reserveAttempt(keptPhone, kept.codeId, T0 + ttl, d);

    // Assess
    expect(justBefore.kind).toBe('wrong');
    expect(atTtl).toEqual({ kind: 'dead', reason: 'expired' });
    expect(keptAtTtl).toEqual({ kind: 'dead', reason: 'expired' });
  });

  it('releases nothing once the code was answered, or replaced', async () => {
    // Prepare
    const [ledger, answeredPhone, replacedPhone, answered, old, current] = [make(), freshPhone(), freshPhone(), code(), code(), code()];
    await ledger.claimSend(answeredPhone, answered, T0, d);
    await ledger.checkAnswer(answeredPhone, answered.codeId, 'wrong', USER, T0 + 1000, d);
    await ledger.claimSend(replacedPhone, old, T0, d);
    await ledger.claimSend(replacedPhone, current, T0 + 60_000, d);

    // Act
    await ledger.releaseSend(answeredPhone, answered.codeId, T0 + 2000, d);
    await ledger.releaseSend(replacedPhone, old.codeId, T0 + 61_000, d);

    // Assess: the answered code lives on within the wait; the current code is untouched.
    expect(await ledger.claimSend(answeredPhone, code(), T0 + 3000, d)).toMatchObject({ kind: 'live', code: { codeId: answered.codeId, attemptsLeft: 2 } });
    expect(await ledger.checkAnswer(replacedPhone, current.codeId, current.proof, USER, T0 + 62_000, d)).toEqual({ kind: 'correct' });
  });

  it('sends exactly one of many concurrent claims, and concurrent wrong answers stay within the budget', async () => {
    // Prepare
    const [ledger, phone] = [make(), freshPhone()];

    // Act
    const claims = await Promise.all(Array.from({ length: 20 }, () => ledger.claimSend(phone, code(), T0, d)));
    const sent = claims.find((c) => c.kind === 'send');
    const answers =
      sent?.kind === 'send'
        ? await Promise.all(Array.from({ length: 20 }, (_, i) => ledger.checkAnswer(phone, sent.code.codeId, `w${i}`, USER, T0 + 1, d)))
        : [];

    // Assess
    expect(claims.filter((c) => c.kind === 'send')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'live')).toHaveLength(19);
    expect(answers.filter((a) => a.kind === 'wrong')).toHaveLength(3);
    expect(answers.filter((a) => a.kind === 'dead')).toHaveLength(17);
  });
});

describe.each(Object.keys(budgets))('SendBudget contract: %s', (name) => {
  const make = budgets[name]!;
  let hour = 0;
  /** Each test its own UTC day (and so hour), so counters in the shared table never meet. */
  const freshHour = () => Date.parse('2027-01-01T00:30:00Z') + ++hour * 86_400_000 + 1;
  const hourEnd = (now: number) => Math.ceil(now / 3_600_000) * 3_600_000;
  const dayEnd = (now: number) => Math.ceil(now / 86_400_000) * 86_400_000;

  /** A send as Create makes it: charged, and given back when refused (`exempt`: a phone that signed in before). */
  async function send(budget: SendBudget, phone: PhoneNumber, now: number, exempt = false, weight: 0 | 1 = 1) {
    const charge = await budget.charge(phone, now, d, weight);
    const verdict = budgetVerdict(charge, exempt);
    await budget.refund(charge, partsToRefund(charge, verdict.kind === 'ok', exempt), d);
    return verdict;
  }

  it('pauses a number range past its hourly limit, and not its neighbours', async () => {
    // Prepare
    const budget = make({ ...BUDGET, smsBudgetPerHour: 100, smsBudgetPerDay: 100 });
    const now = freshHour();
    const outcomes = [];

    // Act
    for (let i = 0; i < 4; i++) outcomes.push(await send(budget, `+82101234${5670 + i}` as PhoneNumber, now));
    const otherRange = await send(budget, '+821099995678' as PhoneNumber, now);
    const nextHour = await send(budget, '+821012345699' as PhoneNumber, now + 3_600_000);

    // Assess
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok', 'ok', 'refused']);
    expect(outcomes[3]).toEqual({ kind: 'refused', rule: 'range', retryAt: hourEnd(now) });
    expect(otherRange.kind).toBe('ok');
    expect(nextHour.kind).toBe('ok');
  });

  it('holds the hourly and the daily budget of the pool', async () => {
    // Prepare
    const budget = make({ ...BUDGET, maxSendsPerRangePerHour: 100 });
    const now = freshHour();
    const phone = (i: number) => `+8210${1000_0000 + i * 10_000}` as PhoneNumber;

    // Act
    const firstHour = [];
    for (let i = 0; i < 6; i++) firstHour.push((await send(budget, phone(i), now)).kind);
    const secondHour = [];
    for (let i = 0; i < 3; i++) secondHour.push(await send(budget, phone(10 + i), now + 3_600_000));

    // Assess
    expect(firstHour).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'refused']);
    expect(secondHour.map((o) => o.kind)).toEqual(['ok', 'ok', 'refused']);
    expect(secondHour[2]).toEqual({ kind: 'refused', rule: 'budget', retryAt: dayEnd(now) });
  });

  it("counts the pool's hour and day together: a send the day refuses leaves the hour's count as it was", async () => {
    // Prepare: 2 an hour, 3 a day; the first hour takes 2 and the second 1, so the day is full.
    const limits = { ...BUDGET, maxSendsPerRangePerHour: 100, smsBudgetPerHour: 2, smsBudgetPerDay: 3 };
    const budget = make(limits);
    const now = freshHour();
    const later = now + 3_600_000;
    const phone = (i: number) => `+8210${2000_0000 + i * 10_000}` as PhoneNumber;
    for (let i = 0; i < 3; i++) await send(budget, phone(i), i < 2 ? now : later);

    // Act: the day refuses a send in the second hour; then a larger daily budget over the same counters.
    const refusedByDay = await send(budget, phone(5), later);
    const roomier = make({ ...limits, smsBudgetPerDay: 100 });
    const afterwards = [await send(roomier, phone(6), later), await send(roomier, phone(7), later)];

    // Assess: the refused send was not counted in the hour, which still has room for exactly one.
    expect(refusedByDay).toEqual({ kind: 'refused', rule: 'budget', retryAt: dayEnd(now) });
    expect(afterwards).toEqual([{ kind: 'ok' }, { kind: 'refused', rule: 'budget', retryAt: hourEnd(later) }]);
  });

  it("gives back what a refused send took: a full range's sends leave the pool's budget untouched, and the reverse", async () => {
    // Prepare: a range limit of 1, reached; a pool of 3 an hour.
    const budget = make({ ...BUDGET, maxSendsPerRangePerHour: 1, smsBudgetPerHour: 3, smsBudgetPerDay: 100 });
    const now = freshHour();
    await send(budget, '+821033335670' as PhoneNumber, now);

    // Act: 10 sends the full range refuses, each charged in the pool too and given back; then the pool's room.
    const pumped = [];
    for (let i = 1; i <= 10; i++) pumped.push((await send(budget, `+82103333${5670 + i}` as PhoneNumber, now)).kind);
    const others = [];
    for (let i = 0; i < 3; i++) others.push((await send(budget, `+8210${4000_0000 + i * 10_000}` as PhoneNumber, now)).kind);
    // The pool full now refuses a new range's send, whose range count is given back: that range still has room for one.
    const refusedByPool = await send(budget, '+821055555670' as PhoneNumber, now);
    const roomier = make({ ...BUDGET, maxSendsPerRangePerHour: 1, smsBudgetPerHour: 100, smsBudgetPerDay: 100 });
    const rangeAfter = [await send(roomier, '+821055555671' as PhoneNumber, now), await send(roomier, '+821055555672' as PhoneNumber, now)];

    // Assess
    expect(pumped).toEqual(Array(10).fill('refused'));
    expect(others).toEqual(['ok', 'ok', 'refused']);
    expect(refusedByPool).toMatchObject({ kind: 'refused', rule: 'budget' });
    expect(rangeAfter.map((o) => o.kind)).toEqual(['ok', 'refused']);
  });

  it('lets a phone exempt from the range rule through a full range, and gives back its range count; the pool still counts it', async () => {
    // Prepare: a range limit of 2, reached once by an exempt phone (given back) and twice by others.
    const budget = make({ ...BUDGET, maxSendsPerRangePerHour: 2, smsBudgetPerHour: 5, smsBudgetPerDay: 100 });
    const now = freshHour();
    const inRange = (i: number) => `+82102222${5670 + i}` as PhoneNumber;
    const exemptFirst = await send(budget, inRange(9), now, true);
    for (let i = 0; i < 2; i++) await send(budget, inRange(i), now);

    // Act
    const plain = await send(budget, inRange(2), now);
    const exempt = [await send(budget, inRange(3), now, true), await send(budget, inRange(3), now, true)];
    const poolFull = await send(budget, inRange(3), now, true);

    // Assess: the exempt phone's first send left the range room for the two others; the pool counted all five.
    expect(exemptFirst).toEqual({ kind: 'ok' });
    expect(plain).toMatchObject({ kind: 'refused', rule: 'range' });
    expect(exempt).toEqual([{ kind: 'ok' }, { kind: 'ok' }]);
    expect(poolFull).toMatchObject({ kind: 'refused', rule: 'budget' });
  });

  it("weighs an unknown user's stand-in at nothing: refused as a known user would be, counting nothing", async () => {
    // Prepare: a range limit of 2.
    const budget = make({ ...BUDGET, maxSendsPerRangePerHour: 2, smsBudgetPerHour: 100, smsBudgetPerDay: 100 });
    const now = freshHour();
    const inRange = (i: number) => `+82101111${5670 + i}` as PhoneNumber;
    const before = [];
    for (let i = 0; i < 5; i++) before.push((await send(budget, inRange(i), now, false, 0)).kind);
    for (let i = 0; i < 2; i++) await send(budget, inRange(i), now);

    // Act
    const standIns = [await send(budget, inRange(2), now, false, 0), await send(budget, inRange(3), now, false, 0)];
    const known = await send(budget, inRange(4), now);

    // Assess: five stand-ins took none of the range's room; once it is full they are refused like a known user.
    expect(before).toEqual(Array(5).fill('ok'));
    expect(standIns).toEqual([0, 1].map(() => ({ kind: 'refused', rule: 'range', retryAt: hourEnd(now) })));
    expect(known).toEqual(standIns[0]);
  });

  it('takes nothing back for a counter that was full, and never goes below zero', async () => {
    // Prepare: a range limit of 1.
    const budget = make({ ...BUDGET, maxSendsPerRangePerHour: 1, smsBudgetPerHour: 100, smsBudgetPerDay: 100 });
    const now = freshHour();
    const charge = await budget.charge('+821066665670' as PhoneNumber, now, d, 1);
    const full = await budget.charge('+821066665671' as PhoneNumber, now, d, 1);

    // Act: the full one's refund must not take back the first's count.
    await budget.refund(full, ['range'], d);
    const whileCounted = budgetVerdict(await budget.charge('+821066665672' as PhoneNumber, now, d, 0), false);
    await budget.refund(charge, ['range'], d);
    await budget.refund(charge, ['range'], d);
    const afterRefund = [await send(budget, '+821066665673' as PhoneNumber, now), await send(budget, '+821066665674' as PhoneNumber, now)];

    // Assess
    expect(charge.range).toEqual({ kind: 'counted' });
    expect(full.range).toEqual({ kind: 'full', rule: 'range', retryAt: hourEnd(now) });
    expect(whileCounted).toMatchObject({ kind: 'refused', rule: 'range' });
    expect(afterRefund.map((o) => o.kind)).toEqual(['ok', 'refused']);
  });
});

describe.each(Object.keys(ledgers))('CodeLedger holder: %s', (name) => {
  const make = ledgers[name]!;
  const code = () => ({ codeId: randomUUID(), proof: '' });

  it('a live code tells the holder recorded for it, and a new code is the primary again', async () => {
    // Prepare
    const ledger = make();
    const phone = freshPhone();
    const first = code();
    await ledger.claimSend(phone, first, T0, d);

    // Act
    await ledger.recordHolder(phone, first.codeId, 'twilio', d);
    const live = await ledger.claimSend(phone, code(), T0 + 1000, d);
    const status = await ledger.codeStatus(phone, first.codeId, T0 + 1000, d);
    const renewed = code();
    await ledger.claimSend(phone, renewed, T0 + 61_000, d);
    const renewedStatus = await ledger.codeStatus(phone, renewed.codeId, T0 + 61_000, d);

    // Assess
    expect(live).toMatchObject({ kind: 'live', holder: 'twilio' });
    expect(status).toMatchObject({ kind: 'live', holder: 'twilio' });
    expect(renewedStatus).toEqual({ kind: 'live', attemptsLeft: 3, nextSendAt: expect.any(Number) });
  });
});
