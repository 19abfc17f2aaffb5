/**
 * @module Parses RFC 8288 `Link` headers as GitLab sends them:
 * `<https://host/api/v4/x?page=2>; rel="next", <…?page=1>; rel="first"`. Pure.
 */

/** Every link of the header, keyed by each of its `rel` values (a link may carry several). */
export function parseLinkHeader(header: string | null | undefined): Map<string, string> {
  const links = new Map<string, string>();
  if (!header) return links;
  // A URL may contain commas or semicolons, so match `<…>` first instead of splitting on ','.
  const entry = /<([^>]*)>((?:\s*;\s*[^;,<]*)*)/g;
  for (const match of header.matchAll(entry)) {
    const target = match[1]?.trim() ?? '';
    for (const rel of relsOf(match[2] ?? '')) if (!links.has(rel)) links.set(rel, target);
  }
  return links;
}

/** The `rel="next"` target, or null. */
export function nextLink(header: string | null | undefined): string | null {
  return parseLinkHeader(header).get('next') ?? null;
}

/** `; rel="next prev"` → ['next', 'prev']; also unquoted `rel=next`; case-insensitive. */
function relsOf(params: string): string[] {
  for (const param of params.split(';')) {
    const m = /^\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))\s*$/i.exec(param);
    if (m) return (m[1] ?? m[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  }
  return [];
}
