/**
 * A worker-hosted shell seen as an interactive terminal's shell: prompts, continuation, run, cancel.
 */
import type { InteractiveShell } from '../terminal/terminal-controller';
import type { WorkerHost } from './worker-host';

export function interactiveShellOf(host: WorkerHost, continuationPrompt: string): InteractiveShell {
  return {
    prompt: () => host.prompt(),
    continuationPrompt: () => continuationPrompt,
    isIncomplete: (source) => host.isIncomplete(source),
    run: (source) => host.run(source),
    cancel: () => host.cancel(),
    resize: (columns) => host.setColumns(columns),
  };
}
