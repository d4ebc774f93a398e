/**
 * Id allocation shared by every kind of object the server stores.
 */

/** Monotonic id source shared by every kind of object, as Confluence's content ids are. */
export class IdSource {
  private next: number;
  constructor(start = 65536) {
    this.next = start;
  }
  take(): string {
    return String(this.next++);
  }
}
