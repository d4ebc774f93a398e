/** The file-level changes between two commits, before they are wrapped in a ChangeSet. */
export interface FileChanges {
  changed: string[];
  deleted: string[];
  renamed: { from: string; to: string; similarity: number }[];
}

/**
 * Parses `git diff-tree -r -z --name-status -M` output. With `-z` every field ends in NUL and paths
 * are verbatim, so spaces, quotes, newlines and non-ASCII names need no unquoting: records are
 * `<status>\0<path>\0`, or `<R|C><score>\0<from>\0<to>\0` for renames and copies.
 *
 * @throws Error on output that does not follow that shape (the caller falls back to a full run).
 */
export function parseNameStatus(output: string): FileChanges {
  const fields = output.split('\0');
  // The output ends with a NUL, which leaves one empty field behind.
  if (fields[fields.length - 1] === '') fields.pop();
  const changes: FileChanges = { changed: [], deleted: [], renamed: [] };
  let i = 0;
  const take = (status: string): string => {
    const field = fields[i++];
    if (field === undefined || field === '')
      throw new Error(`git diff output ends inside a ${status} record`);
    return field;
  };
  while (i < fields.length) {
    const status = fields[i++];
    switch (status[0]) {
      case 'A': // added
      case 'M': // modified
      case 'T': // type changed (file ↔ symlink): the content to publish changed
        changes.changed.push(take(status));
        break;
      case 'D':
        changes.deleted.push(take(status));
        break;
      case 'R': {
        const from = take(status);
        const to = take(status);
        changes.renamed.push({ from, to, similarity: score(status) });
        break;
      }
      case 'C': // copies only appear with -C; the source is untouched, the copy is new
        take(status);
        changes.changed.push(take(status));
        break;
      default:
        throw new Error(`git diff output has an unknown status ${JSON.stringify(status)}`);
    }
  }
  return changes;
}

/** `R086` → 86. */
function score(status: string): number {
  const value = Number(status.slice(1));
  if (!/^\d{1,3}$/.test(status.slice(1)) || value > 100) {
    throw new Error(`git diff output has a malformed similarity ${JSON.stringify(status)}`);
  }
  return value;
}
