/**
 * The address that reopens a lesson session's current step as it is now (its world's difference
 * from the step's start and the editor's text, src/lessons/share-link.ts), or why there is none.
 */
import { captureStep, encodeShareLink } from '../../lessons/share-link';
import { withoutTokens } from '../../lessons/problem-report';
import type { LessonSession } from '../lessons/lesson-session';

export async function currentStepLink(s: LessonSession, opts: { withoutTokens?: boolean } = {}): Promise<{ ok: true; link: string } | { ok: false; error: string }> {
  const current = s.actor.getSnapshot().context.current;
  // A problem report is pasted in public places: the editor's text travels without its tokens too.
  const editorText = opts.withoutTokens ? withoutTokens(s.editorText) : s.editorText;
  const captured = captureStep(s.lesson, current, s.runtime.world, editorText);
  const encoded = captured.ok ? await encodeShareLink(captured.value) : captured;
  if (!encoded.ok) return { ok: false, error: encoded.error };
  return { ok: true, link: `${location.origin}/lessons/${s.lesson.slug}/${s.lesson.steps[current]!.slug}${encoded.value}` };
}
