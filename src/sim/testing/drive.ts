import { stepActor, type Outbox } from '../machines/step';

/** Steps an actor the way the kernel does and returns the effects it left, for machine tests. */
export function stepAndCollect<E, F>(model: Outbox<F>, now: number, send: (event: E) => void, event: E): F[] {
  const effects: F[] = [];
  model.out.length = 0;
  stepActor(model, now, send, event, (fx) => effects.push(fx));
  return effects;
}
