/**
 * The commands an Azure Ubuntu 22.04 VM's shell has beyond just-bash's own, as modules: curl (ours,
 * on the session's fetch), jq 1.6's printing, the small coreutils and identity commands, and the
 * programs the image has that the sandbox does not simulate. `sleep` is GNU's (just-bash's stops at
 * an hour) on the session's sleep, which moves the world's simulated clock in the app.
 */
import type { BashModule } from '../module';
import { base64Command } from '../commands/base64';
import { dateCommand } from '../commands/date';
import { envCommand, printenvCommand } from '../commands/environment';
import { groupsCommand, hostnameCommand, idCommand, unameCommand, whoamiCommand } from '../commands/identity';
import { jqCommand } from '../commands/jq';
import { lsCommand } from '../commands/ls';
import { sleepCommand } from '../commands/sleep';
import { unavailableCommands } from '../commands/unavailable';
import { curlCommand } from '../curl/command';

export const curlModule: BashModule = {
  name: 'curl',
  terminalAware: ['curl'],
  commands: ({ fetch, now, waitFor }) => [curlCommand({ fetch, now, waitFor })],
};

export const jqModule: BashModule = { name: 'jq', terminalAware: ['jq'], commands: () => [jqCommand] };

export const coreutilsModule: BashModule = {
  name: 'coreutils',
  commands: ({ vm, simulatedNow, sleep }) => [
    base64Command,
    dateCommand(simulatedNow),
    sleepCommand(sleep),
    envCommand,
    printenvCommand,
    lsCommand(vm.adminUsername),
    hostnameCommand(vm),
    whoamiCommand(vm),
    idCommand(vm),
    groupsCommand(vm),
    unameCommand(vm),
  ],
};

/** Programs the sandbox does not simulate; a later module (az) replaces its entry. */
export function notSimulatedModule(options: { standIn?: boolean } = {}): BashModule {
  return { name: 'not-simulated', commands: () => unavailableCommands(options) };
}

/** Every module a VM's shell starts with, in registration order. */
export function ubuntuModules(options: { standIn?: boolean } = {}): BashModule[] {
  return [notSimulatedModule(options), coreutilsModule, curlModule, jqModule];
}
