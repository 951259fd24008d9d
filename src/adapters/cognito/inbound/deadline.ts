import type { Context } from 'aws-lambda';
import type { Deadline } from '../../../domain/ports';

export type LambdaContext = Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>;

/** Cognito gives up on a trigger after about 5 s; every outbound call ends well before. */
export const MAX_CALL_MS = 4000;
const MARGIN_MS = 300;

/**
 * Runs `call` with the trigger's deadline. Its signal aborts, as `AbortSignal.timeout` would, when the
 * time is up; it is made only if an adapter asks for it, and its timer stops as soon as the call ends:
 * a timeout left pending for every event fires seconds later anyway, and costs a busy instance.
 */
export async function withDeadline<T>(context: LambdaContext, call: (deadline: Deadline) => Promise<T>): Promise<T> {
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline: Deadline = {
    signal() {
      if (controller) return controller.signal;
      const made = (controller = new AbortController());
      const remaining = context.getRemainingTimeInMillis() - MARGIN_MS;
      const timeUp = () => made.abort(new DOMException('the trigger deadline passed', 'TimeoutError'));
      timer = setTimeout(timeUp, Math.max(0, Math.min(MAX_CALL_MS, remaining)));
      return made.signal;
    },
  };
  try {
    return await call(deadline);
  } finally {
    clearTimeout(timer);
  }
}
