/**
 * @module Flow's `stateKey` for a binding, computed the way the runtime does, for requests from
 * runtimes old enough not to send one: the resource path joined with `/`, characters outside
 * letters, digits and `-_+.=` percent-encoded, and `.v<N>` appended for a non-zero backfill counter.
 */
export function computeStateKey(resourcePath: readonly string[], backfill: number): string {
  const encoded = resourcePath
    .map((part) =>
      [...Buffer.from(part, 'utf8')]
        .map((b) => {
          const c = String.fromCharCode(b);
          return /[A-Za-z0-9\-_+.=]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
        })
        .join(''),
    )
    .join('/');
  return backfill > 0 ? `${encoded}.v${backfill}` : encoded;
}
