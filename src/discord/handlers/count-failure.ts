import { isStoreFailure } from '../../store/failures.js';
import type { BotContext } from '../context.js';

/** A handler's failure that is not a refusal, on /metrics: the database's own, or any other (a bug). */
export function countFailure(ctx: BotContext, error: unknown): void {
  if (isStoreFailure(error)) ctx.metrics.storeError();
  else ctx.metrics.handlerError();
}
