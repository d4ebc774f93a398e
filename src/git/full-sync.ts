/**
 * Thrown inside change detection when the only safe answer is a full run. `detectChanges` turns it
 * into `{ kind: 'full', reason }`, so the helpers can stop early without threading results through.
 */
export class FullSyncRequired extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FullSyncRequired';
  }
}
