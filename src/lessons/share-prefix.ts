/** How a share link's hash starts (src/lessons/share-link.ts); its own module so the app shell can spot one without loading the codec. */
export const SHARE_PREFIX = '#state=';
