/**
 * The XML Blob Storage speaks: the Put Block List request body (parsed strictly; anything else is
 * InvalidXmlDocument) and the bodies of List Blobs, List Containers and Get Block List.
 * The grammar is three element names inside <BlockList>, so a 40-line reader beats shipping an
 * XML library to the browser for it.
 */
import type { BlockListName } from '../../sim/index';
import { xmlEscape } from './errors';

export const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string | null {
  let bad = false;
  const out = text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (all, name: string | undefined) => {
    if (name === undefined) {
      bad = true;
      return all;
    }
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const v = ENTITIES[name];
    if (v === undefined) bad = true;
    return v ?? all;
  });
  return bad ? null : out;
}

/** `<BlockList><Committed|Uncommitted|Latest>id</…>…</BlockList>`; null when the document is not that. */
export function parseBlockList(text: string): { id: string; list: BlockListName }[] | null {
  let rest = text.replace(/^\uFEFF/, '').trim();
  rest = rest.replace(/^<\?xml[^?]*\?>\s*/, '');
  const m = /^<BlockList\s*>([\s\S]*)<\/BlockList\s*>$/.exec(rest);
  if (!m) return /^<BlockList\s*\/>$/.test(rest) ? [] : null;
  const blocks: { id: string; list: BlockListName }[] = [];
  const item = /^\s*<(Committed|Uncommitted|Latest)\s*>([^<]*)<\/(Committed|Uncommitted|Latest)\s*>/;
  let body = m[1]!;
  while (body.trim() !== '') {
    const one = item.exec(body);
    if (!one || one[1] !== one[3]) return null;
    const id = unescapeXml(one[2]!.trim());
    if (id === null) return null;
    blocks.push({ id, list: one[1]!.toLowerCase() as BlockListName });
    body = body.slice(one[0].length);
  }
  return blocks;
}

/** `<Name>value</Name>`, or `<Name />` when empty, as Storage writes optional properties. */
export const el = (name: string, value: string | number | null | undefined): string =>
  value === null || value === undefined || value === '' ? `<${name} />` : `<${name}>${xmlEscape(String(value))}</${name}>`;

export const metadataXml = (metadata: Record<string, string>): string =>
  `<Metadata>${Object.entries(metadata).map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join('')}</Metadata>`;
