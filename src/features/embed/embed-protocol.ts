import * as z from 'zod/mini';
import { getLesson } from '../../lessons/lessons';
import { MAX_LINK_LENGTH } from '../../share/share-link';
import type { LabState } from '../../store/lab-state';

/**
 * The embedding API (`?embed=1`): what a page that embeds the lab in an iframe may post to it, and what the lab
 * posts back. Anything else is ignored.
 * - `{ type: 'eol:step', delta }`: like a clicker, `delta` times: in a lesson the next (or, negative, previous)
 *   step, revealing a waiting question first; otherwise the next (previous) event. `delta` defaults to 1.
 * - `{ type: 'eol:goto', step }`: the cursor to event `step` (0-based; not past a waiting question).
 * - `{ type: 'eol:load', link }`: opens a share link (the whole link, or its `#…` part).
 * - posted back: `{ type: 'eol:state', step, total, lesson }` whenever one of them changes; `lesson` is null in
 *   free exploration, else `{ id, step, steps, revealed }` (its `step` 0-based, `steps` how many there are).
 */
const MAX_DELTA = 10_000;

export const embedCommandSchema = z.union([
  z.object({ type: z.literal('eol:step'), delta: z.optional(z.int().check(z.minimum(-MAX_DELTA), z.maximum(MAX_DELTA))) }),
  z.object({ type: z.literal('eol:goto'), step: z.int().check(z.minimum(0), z.maximum(1_000_000_000)) }),
  z.object({ type: z.literal('eol:load'), link: z.string().check(z.minLength(1), z.maxLength(MAX_LINK_LENGTH * 4)) }),
]);
export type EmbedCommand = z.infer<typeof embedCommandSchema>;

/** A command, or null for anything else (another library's messages, malformed ones). */
export function readEmbedCommand(data: unknown): EmbedCommand | null {
  const parsed = embedCommandSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

export interface EmbedLesson {
  id: string;
  step: number;
  steps: number;
  revealed: boolean;
}

export interface EmbedState {
  type: 'eol:state';
  step: number;
  total: number;
  lesson: EmbedLesson | null;
}

export function embedStateOf(s: LabState): EmbedState {
  const lesson = getLesson(s.lessonId);
  return {
    type: 'eol:state',
    step: s.cursor,
    total: s.trace.events.length,
    lesson: lesson ? { id: lesson.id, step: s.lessonStep, steps: lesson.steps.length, revealed: s.revealed } : null,
  };
}

export function sameEmbedState(a: EmbedState, b: EmbedState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The share link's `#…` part, or '' if it has none. */
export function linkHash(link: string): string {
  const at = link.indexOf('#');
  return at < 0 ? '' : link.slice(at);
}

/** Applies a step or goto command to the store (a load is the caller's: it opens a link). */
export function applyEmbedMove(s: LabState, command: Exclude<EmbedCommand, { type: 'eol:load' }>, get: () => LabState): void {
  if (command.type === 'eol:goto') {
    s.setCursor(command.step);
    return;
  }
  const delta = command.delta ?? 1;
  for (let i = 0; i < Math.abs(delta); i++) {
    const now = get();
    const before = now.cursor;
    if (now.lessonId !== null) {
      const step = now.lessonStep;
      const revealed = now.revealed;
      if (delta > 0) now.nextStep();
      else now.prevStep();
      const after = get();
      // At either end of the lesson nothing moves any more.
      if (after.lessonStep === step && after.revealed === revealed && after.cursor === before) return;
    } else {
      if (delta > 0) now.stepForward();
      else now.stepBack();
      if (get().cursor === before) return;
    }
  }
}
