/** What every machine's model exposes to the kernel: a clock it sets and an outbox it empties. */
export interface Outbox<F> {
  now: number;
  out: F[];
}

/**
 * One kernel step for an actor: set its clock, deliver the event, hand each effect it left to `handle`, and
 * empty its outbox.
 */
export function stepActor<E, F>(model: Outbox<F>, now: number, send: (event: E) => void, event: E, handle: (effect: F) => void): void {
  model.now = now;
  send(event);
  for (const fx of model.out) handle(fx);
  model.out.length = 0;
}
