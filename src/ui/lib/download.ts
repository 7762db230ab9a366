/** Offers `text` to the learner as a file download (nothing leaves the page). */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  a.click();
  // Revoked after the click has been handled, so the download has started reading the blob.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
