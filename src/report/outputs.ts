/** The Action's outputs, computed in one place from the report (names match action.yml). */
import type { SyncReport } from '../sync/types.js';

export interface PageOutput {
  path: string;
  id: string | null;
  title: string;
  url: string | null;
  action: string;
}

export function computeOutputs(report: SyncReport): Record<string, string> {
  const c = report.counts;
  const pages: PageOutput[] = report.pages.map((p) => ({
    path: p.path,
    id: p.id ?? null,
    title: p.title,
    url: p.url ?? null,
    action: p.outcome,
  }));
  return {
    created: String(c.created),
    updated: String(c.updated),
    moved: String(c.moved),
    unchanged: String(c.unchanged),
    deleted: String(c.deleted),
    conflicts: String(c.conflict),
    failed: String(c.failed),
    pages: JSON.stringify(pages),
    stats: JSON.stringify(report.stats ?? null),
    // Pull mode writes Markdown; publish and preview never do (a workflow can test for `[]`).
    'changed-files': '[]',
  };
}
