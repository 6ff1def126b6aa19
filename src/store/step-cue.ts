/**
 * Which cursor move was a single step forward (Step, a shortcut, or playback advancing by one event): motion plays
 * for that event and no other. Not state: nothing is drawn from it, and it is not saved. A scrub, a jump or a step
 * back never sets it, and every move gets a new id, so an old step is never taken for a new one.
 */
let cue = { to: -1, id: 0 };

export function markStep(to: number): void {
  cue = { to, id: cue.id + 1 };
}

/** The id of the step that moved the cursor to `cursor`, or 0 if it got there some other way. */
export function stepTo(cursor: number): number {
  return cue.to === cursor ? cue.id : 0;
}

/** Any other move of the cursor: the last step no longer applies. */
export function clearStep(): void {
  cue = { to: -1, id: cue.id + 1 };
}
