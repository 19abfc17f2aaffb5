/**
 * @module The secrets of one run (config tokens, rotated OAuth tokens), collected so log lines
 * and error messages can be scrubbed of them. One instance per process entry point, passed
 * explicitly: no global registry.
 */
export class SecretSet {
  readonly #values = new Set<string>();

  add(...values: readonly (string | undefined)[]): void {
    for (const v of values) if (v) this.#values.add(v);
  }

  list(): string[] {
    return [...this.#values];
  }
}
