/**
 * @module A table of rows keyed by id: the building block of the simulator's database.
 */

/** Rows by id, in insertion order (which is id order: ids only grow). */
export class Table<T extends { readonly id: number }> {
  private readonly rows = new Map<number, T>();

  insert(row: T): T {
    if (this.rows.has(row.id)) throw new Error(`duplicate id ${row.id}`);
    this.rows.set(row.id, row);
    return row;
  }

  get(id: number): T | undefined {
    return this.rows.get(id);
  }

  /** Removes a row; returns whether it existed. */
  delete(id: number): boolean {
    return this.rows.delete(id);
  }

  all(): T[] {
    return [...this.rows.values()];
  }

  /** The next free id, never below `floor`. */
  nextId(floor: number): number {
    let max = floor - 1;
    for (const id of this.rows.keys()) if (id > max) max = id;
    return max + 1;
  }
}
