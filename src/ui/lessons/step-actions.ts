/**
 * Buttons under the step's code blocks: every block gets "Copy"; blocks a lesson marks
 * (```bash run``` / ```bash insert```) also get "Run this" (sends the block to the VM's terminal) and
 * "Insert into editor". On a phone this is how commands are entered — one tap instead of typing.
 * Tables are made focusable, since on a narrow screen they scroll on their own.
 */
export interface StepActionHandlers {
  run(code: string): void;
  insert(code: string): void;
  /** Told whether copying worked, for a polite announcement. */
  copied?(ok: boolean): void;
}

type Action = 'run' | 'insert' | 'copy';

const LABELS: Record<Action, string> = { run: 'Run this', insert: 'Insert into editor', copy: 'Copy' };

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function stepActions(node: HTMLElement, handlers: StepActionHandlers) {
  let current = handlers;
  const decorate = () => {
    for (const pre of node.querySelectorAll<HTMLPreElement>('pre')) {
      if (pre.dataset.decorated) continue;
      pre.dataset.decorated = '1';
      const flagged = (pre.dataset.actions ?? '').split(/\s+/).filter((a): a is Action => a === 'run' || a === 'insert');
      const code = (pre.querySelector('code')?.textContent ?? pre.textContent ?? '').replace(/\n$/, '');
      const bar = document.createElement('div');
      bar.className = 'code-actions';
      for (const action of [...flagged, 'copy' as const]) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'btn';
        if (action === 'run') {
          const icon = document.createElement('span');
          icon.setAttribute('aria-hidden', 'true');
          icon.textContent = '▶ ';
          button.append(icon);
        }
        button.append(LABELS[action]);
        // The name starts with the visible words (WCAG 2.5.3) and says which command it is.
        button.setAttribute('aria-label', `${LABELS[action]}: ${code.trim().split('\n')[0]?.slice(0, 80) ?? ''}`);
        button.addEventListener('click', () => {
          if (action === 'run') current.run(code);
          else if (action === 'insert') current.insert(code);
          else void copy(code).then((ok) => current.copied?.(ok));
        });
        bar.append(button);
      }
      pre.after(bar);
    }
    // A table too wide for a phone scrolls on its own (app.css); a keyboard must reach it to scroll
    // it (WCAG 2.1.1, axe's scrollable-region-focusable). Pre blocks have their own buttons instead.
    for (const table of node.querySelectorAll<HTMLTableElement>('table:not([tabindex])')) table.tabIndex = 0;
  };
  decorate();
  const observer = new MutationObserver(decorate);
  observer.observe(node, { childList: true, subtree: true });
  return {
    update(next: StepActionHandlers) {
      current = next;
    },
    destroy() {
      observer.disconnect();
    },
  };
}
