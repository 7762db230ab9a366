// The host side of the embed contract (docs/EMBEDDING.md), kept in a file so the demo page needs no
// inline script. The frames here are same-origin, so parentOrigin is this page's own origin.
const frames = [...document.querySelectorAll('iframe.embed')];
for (const frame of frames) frame.src = `${frame.dataset.src}&parentOrigin=${encodeURIComponent(location.origin)}`;

const log = document.getElementById('log');
addEventListener('message', (event) => {
  if (event.origin !== location.origin || typeof event.data?.type !== 'string' || !event.data.type.startsWith('mi:')) return;
  const frame = frames.find((f) => f.contentWindow === event.source);
  if (!frame) return;
  if (event.data.type === 'mi:resize') {
    frame.style.height = `${event.data.height}px`;
    return;
  }
  const item = document.createElement('li');
  item.textContent = `${frame.title}: ${JSON.stringify(event.data)}`;
  log.append(item);
});

document.getElementById('theme').addEventListener('change', (event) => {
  for (const frame of frames) frame.contentWindow?.postMessage({ type: 'mi:set-theme', theme: event.target.value }, location.origin);
});
