/**
 * msw's `http` handler factory without the cookie jar. Every msw HttpHandler looks the request URL
 * up in its cookie store on every match attempt (tough-cookie + the public-suffix list): in Node
 * that was over half of a simulated ARM call. The simulated services neither set nor read cookies,
 * so these handlers parse only the URL match; everything else is msw's own HttpHandler.
 */
import { HttpHandler, matchRequestUrl, type Path, type PathParams } from 'msw';

type HandlerArgs = ConstructorParameters<typeof HttpHandler>;

class CookielessHttpHandler extends HttpHandler {
  /**
   * msw's RequestHandler records where each handler was declared by reading `new Error().stack`
   * (`info.callFrame`, used only in msw's console log of a matched request, which getResponse never
   * prints). Formatting that stack was nearly all the cost of building the handler table: ~50 ms
   * for ARM's 45 handlers (x4 on a throttled phone profile, one long task at app start). With no
   * frames captured the frame is simply undefined.
   */
  constructor(...args: HandlerArgs) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(...args);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  override async parse(args: Parameters<HttpHandler['parse']>[0]): ReturnType<HttpHandler['parse']> {
    return { match: matchRequestUrl(new URL(args.request.url), this.info.path, args.resolutionContext?.baseUrl), cookies: {} };
  }
}

/** What our resolvers use of msw's resolver info; they always answer (no passthrough). */
export type CloudResolver = (info: { request: Request; params: PathParams }) => Response | Promise<Response>;

type Factory = (path: Path, resolver: CloudResolver) => HttpHandler;
const factory =
  (method: string | RegExp): Factory =>
  (path, resolver) =>
    new CookielessHttpHandler(method, path, resolver as HandlerArgs[2]);

export const cloudHttp = {
  all: factory(/.+/),
  get: factory('GET'),
  head: factory('HEAD'),
  post: factory('POST'),
  put: factory('PUT'),
  patch: factory('PATCH'),
  delete: factory('DELETE'),
};
