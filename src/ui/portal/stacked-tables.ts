/**
 * Narrow portal tables become stacked cards (portal.css, below 600 px of table width), one row per
 * card with each cell under its column's name. This action gives every body cell of every table in
 * `node` the text of its column header as `data-label`, which the stacked layout shows; it keeps
 * doing so as blades and rows come and go.
 */
/** Table roles spelt out: a table drawn as blocks loses them in Chromium and WebKit otherwise. */
function setRole(el: Element, role: string) {
  if (el.getAttribute('role') !== role) el.setAttribute('role', role);
}

function label(table: HTMLTableElement) {
  const head = table.tHead?.rows[0];
  if (!head) return;
  setRole(table, 'table');
  for (const group of [table.tHead!, ...table.tBodies]) setRole(group, 'rowgroup');
  for (const row of table.rows) setRole(row, 'row');
  for (const th of head.cells) setRole(th, 'columnheader');
  const names = [...head.cells].map((th) => (th.textContent ?? '').trim());
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      let column = 0;
      for (const cell of row.cells) {
        const name = names[column] ?? '';
        if (cell.dataset.label !== name) cell.dataset.label = name;
        setRole(cell, cell.tagName === 'TH' ? 'rowheader' : 'cell');
        column += cell.colSpan || 1;
      }
    }
  }
}

export function stackedTables(node: HTMLElement) {
  let queued = false;
  const run = () => {
    queued = false;
    node.querySelectorAll('table').forEach(label);
  };
  run();
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(run);
  });
  observer.observe(node, { childList: true, subtree: true, characterData: true });
  return { destroy: () => observer.disconnect() };
}
