/**
 * Whether this page should register the app shell's service worker. Only the built, top-level app
 * does: the dev server's modules change under it, and an embed must never leave a worker behind in
 * its host's visitors' browsers (docs/EMBEDDING.md).
 */
export interface PageFacts {
  production: boolean;
  pathname: string;
  /** False inside an iframe. */
  topLevel: boolean;
  /** Absent in some private windows and on plain-http hosts other than localhost. */
  serviceWorkerApi: boolean;
}

export function shouldRegisterOfflineShell(page: PageFacts): boolean {
  if (!page.production || !page.topLevel || !page.serviceWorkerApi) return false;
  return !/^\/embed(?:\.html)?\/?$/.test(page.pathname);
}
