/**
 * `az` as a bash command module. The CLI itself (./cli, ./commands) is a separate chunk, imported the
 * first time a session runs `az`, so it never weighs on the page's first load. Its state lives where
 * azure-cli keeps it, in `~/.azure` on the session's file system, so a sign-in survives worker
 * restarts with the rest of the VM's files.
 */
import { defineCommand, type Command } from 'just-bash';
import { stdoutIsTerminal, type BashModule } from '../bash/module';

export interface AzModuleOptions {
  /** Cloud Shell: `ACC_CLOUD` is set and sign-in goes through the local token endpoint. */
  cloudShell?: boolean;
  /** How the host wants on-demand code loading announced (the worker's time limit starts over around it). */
  loading?: <T>(loading: Promise<T>) => Promise<T>;
}

type Cli = typeof import('./cli/main');
let loading: Promise<Cli> | null = null;
let loaded = false;
const loadCli = (): Promise<Cli> =>
  (loading ??= import('./cli/main').then((cli) => {
    loaded = true;
    return cli;
  }));

function azCommand(services: Parameters<BashModule['commands']>[0], options: AzModuleOptions): Command {
  return defineCommand('az', async (args, ctx) => {
    const cli = await services.waitFor(!loaded && options.loading ? options.loading(loadCli()) : loadCli());
    const home = ctx.env.get('HOME') ?? `/home/${services.vm.adminUsername}`;
    const resolve = (path: string) => ctx.fs.resolvePath(ctx.cwd, path.startsWith('~/') ? `${home}${path.slice(1)}` : path);
    const exists = async (path: string) => ctx.fs.exists(path);
    const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';
    const outcome = await cli.az(args, {
      files: {
        home,
        resolve,
        read: async (path) => ((await exists(path)) ? ctx.fs.readFile(path) : null),
        readBytes: async (path) => ((await exists(path)) ? ctx.fs.readFileBuffer(path) : null),
        write: async (path, text) => {
          await ctx.fs.mkdir(parentOf(path), { recursive: true });
          await ctx.fs.writeFile(path, text);
        },
        writeBytes: async (path, bytes) => {
          await ctx.fs.mkdir(parentOf(path), { recursive: true });
          await ctx.fs.writeFile(path, bytes);
        },
      },
      env: { cloudShell: options.cloudShell === true || ctx.env.get('ACC_CLOUD') !== undefined, get: (name) => ctx.env.get(name) },
      fetch: (request) => services.waitFor(services.fetch(request)),
      now: services.simulatedNow,
      stdoutIsTerminal: stdoutIsTerminal(ctx.env),
      stdin: () => (typeof ctx.stdin === 'string' ? ctx.stdin : ''),
    });
    return outcome;
  });
}

export function azModule(options: AzModuleOptions = {}): BashModule {
  return { name: 'az', terminalAware: ['az'], commands: (services) => [azCommand(services, options)] };
}
