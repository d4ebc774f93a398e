/**
 * Label writes through v1 on both flavours (v2 labels are read-only).
 */
import { isNotFound } from './errors.js';
import type { HttpClient } from './http.js';
import type { V1Label } from './wire.js';

/** `POST /content/{id}/label` with `[{prefix:"global",name}]`; nothing is sent for no labels. */
export async function addLabels(http: HttpClient, pageId: string, labels: string[]): Promise<void> {
  if (labels.length === 0) return;
  const json: V1Label[] = labels.map((name) => ({ prefix: 'global', name }));
  await http.send({
    method: 'POST',
    kind: 'POST label',
    api: 'v1',
    path: `/content/${encodeURIComponent(pageId)}/label`,
    json,
    // Adding a label the page already has changes nothing, so a lost answer can be retried.
    idempotent: true,
  });
}

/**
 * `DELETE /content/{id}/label?name=…` (the query form also takes names the path form cannot).
 * The wanted state is "the page does not carry the label": a 404 says exactly that — an earlier
 * attempt (this run's lost answer, or a run that stopped before its page write) or a person
 * removed it already — so it is success, and the request is safe to repeat. (A page that is
 * gone also answers 404 here; the page write that follows finds that out.)
 */
export async function removeLabel(http: HttpClient, pageId: string, label: string): Promise<void> {
  try {
    await http.send({
      method: 'DELETE',
      kind: 'DELETE label',
      api: 'v1',
      path: `/content/${encodeURIComponent(pageId)}/label`,
      query: { name: label },
    });
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
}
