/** A clean environment for a client: PATH, HOME, the proxy and CA variables, its inputs. */
export function clientEnv(
  emu: { proxy: string | null; ca: { certPath: string; bundlePath: string } | null },
  inputs?: Record<string, string>,
  extra?: Record<string, string>,
): Record<string, string>;
