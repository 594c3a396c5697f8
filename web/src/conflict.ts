// Three-way merge for the "someone changed this since you read it" (412) dialog: fields only you
// changed keep your value, fields only they changed take theirs, and fields you both changed to
// different values are conflicts the person resolves. Nobody's edit is silently lost.

export interface MergeResult<T> {
  merged: T;
  conflicts: (keyof T)[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function mergeFields<T extends object>(
  base: T,
  mine: T,
  theirs: T,
  fields: (keyof T)[],
): MergeResult<T> {
  const merged = { ...theirs };
  const conflicts: (keyof T)[] = [];
  for (const field of fields) {
    const iChanged = !same(base[field], mine[field]);
    const theyChanged = !same(base[field], theirs[field]);
    if (iChanged && !theyChanged) merged[field] = mine[field];
    if (iChanged && theyChanged && !same(mine[field], theirs[field])) conflicts.push(field);
  }
  return { merged, conflicts };
}

// Only the fields whose value differs from `base`: the body of a PATCH.
export function changedFields<T extends object>(base: T, edited: T, fields: (keyof T)[]): Partial<T> {
  const changes: Partial<T> = {};
  for (const field of fields) {
    if (!same(base[field], edited[field])) changes[field] = edited[field];
  }
  return changes;
}
