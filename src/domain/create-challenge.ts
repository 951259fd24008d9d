import type { CodeLedger, CodeStatus, NewCode, SendClaim } from './code-ledger';
import { type DeliveryService, type Route, sentNothing } from './delivery';
import { ChallengeStateError } from './errors';
import type { ProviderName } from './metrics';
import type { PhoneNumber } from './phone';
import type { OtpPolicy } from './policy';
import type { PhoneInspector } from './phone-inspection';
import { type Recipient, recipientOf, type RoundUser } from './recipient';
import type { Clock, CodeForge, Deadline } from './ports';
import { type BudgetCharge, budgetVerdict, type CounterPart, partsToRefund, type SendBudget } from './send-budget';
import type { ChallengeState, Delivery, Refusal, Round } from './session';

export interface CreateInput extends RoundUser {
  readonly session: readonly Round[];
  /** The client asked for a new code (clientMetadata `action: resend`). */
  readonly resend: boolean;
}

export interface Challenge {
  readonly maskedPhone: string;
  readonly codeLength: number;
  readonly attemptsLeft: number;
  readonly resendInSeconds: number;
  /** How long the code this round answers still works; 0 when no code was sent (refused). */
  readonly expiresInSeconds: number;
  readonly delivery: Delivery;
  readonly refusal?: Refusal;
  /** What this round's Verify and the next rounds need; the trigger adapter carries it. */
  readonly state: ChallengeState;
  /** What the round did: asked the ledger for a send (a first round, a resend), or carried the code on after an answer. */
  readonly step: 'claim' | 'carry-over';
  /** The round is an unknown user's stand-in: nothing is ever texted (not counted as a send or a refusal). */
  readonly standIn: boolean;
}

export interface CreateDependencies {
  readonly policy: OtpPolicy;
  /** The provider, or the pair of them (primary, fallback), and its breaker; each provider's send latency. */
  readonly delivery: DeliveryService;
  readonly ledger: CodeLedger;
  readonly budget: SendBudget;
  readonly forge: CodeForge;
  readonly clock: Clock;
  /** What the numbering plan says of a number: its standard spelling, and its calling code for masking. */
  readonly phones: PhoneInspector;
  /** Whether a number may be texted at all (e.g. a country allowlist); every number when absent. */
  readonly mayText?: (phone: PhoneNumber) => boolean;
}

/**
 * Presents a challenge. The first round and each resend ask the ledger for a send: a new code is texted only
 * when the ledger claims one and the budget allows it; within the wait the live code goes on; otherwise the
 * refusal is told. Rounds after a wrong answer carry the code on as the ledger finds it (one read): its attempts
 * left across every sign-in, or that it is spent or dead and when a new one may be sent.
 */
export class CreateChallenge {
  constructor(private readonly deps: CreateDependencies) {}

  async create(input: CreateInput, deadline: Deadline): Promise<Challenge> {
    const recipient = recipientOf(input, this.deps.phones, this.deps.forge);
    const previous = input.session.at(-1);
    if (!previous) return this.claim(recipient, 0, deadline);
    if (!previous.state) throw new ChallengeStateError('challenge state is missing or corrupt');
    if (input.resend && previous.state.resends < this.deps.policy.maxResendsPerSignIn) {
      return this.claim(recipient, previous.state.resends + 1, deadline);
    }
    return this.carryOver(recipient, previous.state, deadline);
  }

  /**
   * A wrong (or malformed) answer, or a resend that was denied, used a round: the same code goes on, as the ledger
   * finds it now. Another sign-in may have used it meanwhile: a spent or dead code is told as such, with no attempts.
   */
  private async carryOver(recipient: Recipient, state: ChallengeState, deadline: Deadline): Promise<Challenge> {
    if (state.codeId === '') return this.challenge(recipient, state, 'carry-over');
    const status = await this.deps.ledger.codeStatus(recipient.phone, state.codeId, this.deps.clock.now(), deadline);
    return this.challenge(recipient, carriedState(state, status), 'carry-over');
  }

  /**
   * Asks for a send: the ledger's claim and the budget's charge go out together (one round trip), and whatever one
   * took is given back when the other refuses, so that nothing counts for an SMS that never left. An unknown user's
   * stand-in makes the same calls, the charge weighing nothing, and is refused exactly as a known user would be.
   */
  private async claim(recipient: Recipient, resends: number, deadline: Deadline): Promise<Challenge> {
    const { policy, delivery, forge, clock } = this.deps;
    const now = clock.now();
    const texted = recipient.known ? recipient.phone : recipient.typed;
    if (texted && this.deps.mayText && !this.deps.mayText(texted)) {
      return this.challenge(recipient, refusedState(now, now, resends, 'country'));
    }
    const codeId = forge.newCodeId();
    // Either provider of a pair may send: when one makes codes here, the code and its proof are made before the claim.
    const code = delivery.makesCodesHere ? forge.newCode(policy.codeLength) : '';
    const proof = !recipient.known ? forge.decoyProof() : delivery.makesCodesHere ? forge.proof(recipient.phone, codeId, code) : '';
    // The breaker's read goes out with the claim and the charge: no round trip added.
    const [{ claim, charge }, route] = await Promise.all([this.claimAndCharge(recipient, { codeId, proof }, now, deadline), delivery.route(now, deadline)]);
    if (claim.kind !== 'send') {
      await this.refund(charge, partsToRefund(charge, false, false), deadline);
      return this.challenge(recipient, notSentState(claim, now, resends));
    }
    const exempt = claim.signedInBefore;
    const verdict = budgetVerdict(charge, exempt);
    if (verdict.kind === 'refused') {
      await Promise.all([this.release(recipient.phone, claim.code.codeId, now, deadline), this.refund(charge, partsToRefund(charge, false, exempt), deadline)]);
      return this.challenge(recipient, refusedState(now, verdict.retryAt, resends, verdict.rule));
    }
    const state: ChallengeState = { ...claim.code, resendAt: claim.nextSendAt, resends, delivery: 'sent' };
    if (!recipient.known) {
      // Never texted; takes as long as a known user's send through the provider routed first, so the pool does not
      // tell who has an account.
      await delivery.sendLatency(route.order[0]!.name).imitate(deadline);
      return this.challenge(recipient, { ...state, ...holder(route.order[0]!.name, delivery.primary.name) });
    }
    // A phone that signed someone in before leaves its range's room to new numbers: given back while the SMS goes out.
    const [sent] = await Promise.allSettled([
      this.send(route, recipient.phone, code, claim.code.codeId, now, deadline),
      this.refund(charge, partsToRefund(charge, true, exempt), deadline),
    ]);
    if (sent.status === 'rejected') throw sent.reason;
    return this.challenge(recipient, { ...state, ...holder(sent.value, delivery.primary.name) });
  }

  /**
   * The claim and the charge, in flight together. The budget counts the number typed for an unknown user, as a
   * known user's would be. If either call fails, what the other took is given back before the error goes on.
   */
  private async claimAndCharge(recipient: Recipient, code: NewCode, now: number, deadline: Deadline): Promise<{ claim: SendClaim; charge: BudgetCharge }> {
    const [claim, charge] = await Promise.allSettled([
      this.deps.ledger.claimSend(recipient.phone, code, now, deadline),
      this.deps.budget.charge(recipient.known ? recipient.phone : (recipient.typed ?? recipient.phone), now, deadline, recipient.known ? 1 : 0),
    ]);
    if (claim.status === 'fulfilled' && charge.status === 'fulfilled') return { claim: claim.value, charge: charge.value };
    await Promise.all([
      claim.status === 'fulfilled' && claim.value.kind === 'send' && this.release(recipient.phone, claim.value.code.codeId, now, deadline),
      charge.status === 'fulfilled' && this.refund(charge.value, partsToRefund(charge.value, false, false), deadline),
    ]);
    throw claim.status === 'rejected' ? claim.reason : (charge as PromiseRejectedResult).reason;
  }

  /**
   * Texts the code (or has the provider text its own) through the route, falling over when the first sent nothing;
   * timed for the stand-in. A send that definitely sent nothing gives its claim back. Tells which provider sent.
   */
  private async send(route: Route, phone: PhoneNumber, code: string, codeId: string, now: number, deadline: Deadline): Promise<ProviderName> {
    const { delivery } = this.deps;
    const sent = delivery.startSend();
    let sender: ProviderName;
    try {
      sender = await delivery.send(route, phone, code, now, deadline);
    } catch (error) {
      if (sentNothing(error)) await this.release(phone, codeId, now, deadline);
      throw error;
    }
    sent(sender);
    if (sender !== delivery.primary.name) await this.recordHolder(phone, codeId, sender, deadline);
    return sender;
  }

  /**
   * Gives back a claim whose SMS definitely never left, so that the user's retry sends a new code at once instead of
   * `reused` for a code nobody received. Best effort: if the ledger fails too, the claim stands and the user waits
   * out the resend interval, as before; the provider's error is the one the user and the logs see.
   */
  private async release(phone: PhoneNumber, codeId: string, now: number, deadline: Deadline): Promise<void> {
    try {
      await this.deps.ledger.releaseSend(phone, codeId, now, deadline);
    } catch {
      // The claim stands: see above.
    }
  }

  /**
   * After a failover, tells the ledger which provider holds the code, for a later sign-in that continues it. Best
   * effort: the SMS is out, and this sign-in's state names the holder; if the write fails, only a later sign-in
   * continuing this code asks the primary, which answers it wrong, and a resend makes a new code.
   */
  private async recordHolder(phone: PhoneNumber, codeId: string, sender: ProviderName, deadline: Deadline): Promise<void> {
    try {
      await this.deps.ledger.recordHolder(phone, codeId, sender, deadline);
    } catch {
      // See above.
    }
  }

  /** Gives back counts of a charge. Best effort: if the write fails the counter stays one higher, erring on the safe side. */
  private async refund(charge: BudgetCharge, parts: readonly CounterPart[], deadline: Deadline): Promise<void> {
    if (parts.length === 0) return;
    try {
      await this.deps.budget.refund(charge, parts, deadline);
    } catch {
      // Stricter for the rest of the window: see above.
    }
  }

  private challenge(recipient: Recipient, state: ChallengeState, step: Challenge['step'] = 'claim'): Challenge {
    const now = this.deps.clock.now();
    return {
      maskedPhone: recipient.masked,
      codeLength: this.deps.policy.codeLength,
      attemptsLeft: state.attemptsLeft,
      resendInSeconds: Math.max(0, Math.ceil((state.resendAt - now) / 1000)),
      expiresInSeconds: state.delivery === 'refused' ? 0 : Math.max(0, Math.ceil((state.issuedAt + this.deps.policy.codeTtlSeconds * 1000 - now) / 1000)),
      delivery: state.delivery,
      ...(state.refusal && { refusal: state.refusal }),
      state,
      step,
      standIn: !recipient.known,
    };
  }
}

/** The state's holder field: absent for the primary, so a state made before failover existed reads the same. */
function holder(sender: ProviderName, primary: ProviderName): Pick<ChallengeState, 'holder'> {
  return sender === primary ? {} : { holder: sender };
}

function notSentState(claim: Exclude<SendClaim, { kind: 'send' }>, now: number, resends: number): ChallengeState {
  if (claim.kind === 'live') return { ...claim.code, resendAt: claim.nextSendAt, resends, delivery: 'reused', ...(claim.holder && { holder: claim.holder }) };
  return refusedState(now, claim.retryAt, resends, claim.rule);
}

/** The carried state as the ledger found the code: live with its true attempts left, or refused (spent, or dead) until a new send. */
function carriedState(state: ChallengeState, status: CodeStatus): ChallengeState {
  if (status.kind === 'live') return { ...state, attemptsLeft: status.attemptsLeft, resendAt: status.nextSendAt, delivery: 'reused' };
  return { ...state, attemptsLeft: 0, resendAt: status.nextSendAt, delivery: 'refused', refusal: status.reason === 'spent' ? 'code-spent' : 'resend-wait' };
}

function refusedState(now: number, retryAt: number, resends: number, refusal: Refusal): ChallengeState {
  return { codeId: '', issuedAt: now, attemptsLeft: 0, resendAt: retryAt, resends, delivery: 'refused', refusal };
}
