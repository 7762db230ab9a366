/**
 * Turns the code blocks a lesson marks (```bash run``` / ```bash insert```) into buttons: "Run" sends
 * the block to the VM's terminal, "Insert" puts it in the editor. On a phone this is how commands
 * are entered — one tap instead of typing.
 */
export interface StepActionHandlers {
  run(code: string): void;
  insert(code: string): void;
}

export function stepActions(node: HTMLElement, handlers: StepActionHandlers) {
  let current = handlers;
  const decorate = () => {
    for (const pre of node.querySelectorAll<HTMLPreElement>('pre[data-actions]')) {
      if (pre.dataset.decorated) continue;
      pre.dataset.decorated = '1';
      const actions = (pre.dataset.actions ?? '').split(/\s+/).filter((a) => a === 'run' || a === 'insert');
      const code = pre.querySelector('code')?.textContent ?? pre.textContent ?? '';
      const bar = document.createElement('div');
      bar.className = 'code-actions';
      for (const action of actions) {
        const button = document.createElement('button');
        button.type = 'button';
        const text = action === 'run' ? 'Run this' : 'Insert into editor';
        if (action === 'run') {
          const icon = document.createElement('span');
          icon.setAttribute('aria-hidden', 'true');
          icon.textContent = '▶ ';
          button.append(icon);
        }
        button.append(text);
        // The name starts with the visible words (WCAG 2.5.3) and says which command it is.
        button.setAttribute('aria-label', `${text}: ${code.trim().split('\n')[0]?.slice(0, 80) ?? ''}`);
        button.addEventListener('click', () => (action === 'run' ? current.run(code) : current.insert(code)));
        bar.append(button);
      }
      pre.after(bar);
    }
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
