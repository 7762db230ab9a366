/**
 * Stand-in for `@bundled-es-modules/tough-cookie`, aliased in vite.config.ts and vitest.config.ts.
 * msw 2.9 imports it for its cookie store, and the bundle carries the whole public-suffix list
 * (psl + punycode, ~290 KB raw). The simulated services never set or read cookies, so msw's jar
 * here is always empty: requests carry only the cookies in their own `Cookie` header, which msw
 * still parses itself. (Newer msw/tough-cookie use `tldts` for the same list; this is that alias
 * for the version the project pins.)
 */

export class Store {
  synchronous = true;
}

export class MemoryCookieStore extends Store {}

export class Cookie {
  key = '';
  value = '';
  domain: string | null = null;
  path: string | null = null;
  static fromJSON(): Cookie | null {
    return null;
  }
  toJSON(): Record<string, never> {
    return {};
  }
  toString(): string {
    return '';
  }
}

export class CookieJar {
  constructor(_store?: Store) {}
  getCookiesSync(_url: string): Cookie[] {
    return [];
  }
  setCookie(_cookie: unknown, _url: string, _options?: unknown, callback?: (err: null) => void): void {
    callback?.(null);
  }
}

export const domainMatch = (): boolean => false;
export const pathMatch = (): boolean => false;

export default { Cookie, CookieJar, Store, MemoryCookieStore, domainMatch, pathMatch };
