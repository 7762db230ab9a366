/**
 * The app's addresses. Paths, not hashes, so a lesson step is a plain link a presenter can share;
 * the production server and `vite preview` answer every path with the app.
 */
import { CHEAT_SHEET_SLUG } from '../../lessons/reserved-slugs';

export type Route =
  | { name: 'home' }
  | { name: 'sandbox' }
  | { name: 'lesson'; lesson: string; step: string | null }
  /** A lesson's steps and commands as a reference (src/ui/cheatsheet); the compiler keeps `cheat-sheet` from any step (lessons/reserved-slugs.ts). */
  | { name: 'cheatSheet'; lesson: string }
  /** One step for a docs author's iframe; its settings are in the query (src/ui/embed/embed-params.ts). */
  | { name: 'embed' }
  /** The embedding guide (docs/EMBEDDING.md) for docs authors; an embed's error page links to it. */
  | { name: 'embedGuide' }
  | { name: 'notFound'; path: string };

/** Where the app serves the embedding guide. */
export const EMBED_GUIDE_PATH = '/docs/embedding';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseRoute(pathname: string): Route {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return { name: 'notFound', path: pathname };
  }
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'sandbox' && parts.length === 1) return { name: 'sandbox' };
  if (parts[0] === 'embed' && parts.length === 1) return { name: 'embed' };
  if (parts[0] === 'docs' && parts[1] === 'embedding' && parts.length === 2) return { name: 'embedGuide' };
  if (parts[0] === 'lessons' && (parts.length === 2 || parts.length === 3)) {
    const [, lesson, step] = parts;
    if (lesson && SLUG.test(lesson) && step === CHEAT_SHEET_SLUG) return { name: 'cheatSheet', lesson };
    if (lesson && SLUG.test(lesson) && (step === undefined || SLUG.test(step))) {
      return { name: 'lesson', lesson, step: step ?? null };
    }
  }
  return { name: 'notFound', path };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'home':
      return '/';
    case 'sandbox':
      return '/sandbox';
    case 'embed':
      return '/embed';
    case 'embedGuide':
      return EMBED_GUIDE_PATH;
    case 'lesson':
      return `/lessons/${route.lesson}${route.step ? `/${route.step}` : ''}`;
    case 'cheatSheet':
      return `/lessons/${route.lesson}/${CHEAT_SHEET_SLUG}`;
    case 'notFound':
      return route.path;
  }
}
