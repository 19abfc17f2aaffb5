/** @module RFC 6901 JSON pointers, as collection keys are written (`/project_id`). */

/** The reference tokens of a pointer: `/a~1b/c` → `['a/b', 'c']`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer must start with "/": ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer` in `doc`, or undefined where the path does not exist. */
export function getPointer(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const token of parsePointer(pointer)) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[token];
  }
  return cur;
}
