/**
 * The log of API requests a server answered, so tests and benchmarks can count what a sync cost
 * (`countRequests({kind: 'PUT page'})`) without instrumenting the client.
 */
import type { RecordedRequest } from './types.js';

export class RequestLog {
  private entries: RecordedRequest[] = [];

  record(entry: RecordedRequest): void {
    this.entries.push(entry);
  }

  all(): readonly RecordedRequest[] {
    return [...this.entries];
  }

  count(filter: { method?: string; kind?: string; write?: boolean } = {}): number {
    let n = 0;
    for (const e of this.entries) {
      if (filter.method !== undefined && e.method !== filter.method.toUpperCase()) continue;
      if (filter.kind !== undefined && e.kind !== filter.kind) continue;
      if (filter.write !== undefined && e.write !== filter.write) continue;
      n++;
    }
    return n;
  }

  reset(): void {
    this.entries = [];
  }
}
