/**
 * When the control that had focus goes away (a link opens another blade, "Yes" closes its dialog,
 * "Next" redraws the wizard), browsers drop focus to <body>: a screen reader then says nothing and
 * a keyboard user starts again from the top of the page. This action catches that in the portal and
 * puts focus on the heading of what is now shown: the wizard's title, else the open blade's.
 */
const HEADINGS = '.blade-title, #ara-title';

function visible(el: HTMLElement): boolean {
  return el.isConnected && el.getClientRects().length > 0;
}

export function keepFocus(root: HTMLElement) {
  const onFocusOut = (event: FocusEvent) => {
    if (event.relatedTarget) return;
    const lost = event.target as HTMLElement;
    // Wait for the redraw that removed (or disabled) the control, then look where focus went.
    requestAnimationFrame(() => {
      const now = document.activeElement;
      if (now && now !== document.body) return;
      // A click on empty space also blurs; the control is still there and usable then.
      if (visible(lost) && !lost.matches(':disabled')) return;
      // A dialog that closed gives focus back itself; anything still open keeps it.
      if (document.querySelector('dialog[open]')) return;
      const headings = [...root.querySelectorAll<HTMLElement>(HEADINGS)].filter(visible);
      const target = headings.at(-1);
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    });
  };
  root.addEventListener('focusout', onFocusOut);
  return { destroy: () => root.removeEventListener('focusout', onFocusOut) };
}
