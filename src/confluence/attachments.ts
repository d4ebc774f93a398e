/**
 * Attachment upload through v1 (Cloud v2 cannot upload): `PUT /content/{id}/child/attachment`
 * creates the file or adds a version of the same filename, so repeating it is safe. Removal
 * goes through the dialect (v2 on Cloud, v1 on Data Center) and only ever trashes.
 */
import { newTrace, repeatedAfterLostAnswer } from './ambiguity.js';
import type { Dialect } from './dialect.js';
import type { HttpClient } from './http.js';
import { buildMultipart } from './multipart.js';
import { fromV1Attachment } from './parse.js';
import type { RemoteAttachment, UploadAttachmentInput } from './types.js';
import type { V1AttachmentAnswer } from './wire.js';
import { ConfluenceError, isNotFound } from './errors.js';

export async function uploadAttachment(
  http: HttpClient,
  input: UploadAttachmentInput,
): Promise<RemoteAttachment> {
  const multipart = buildMultipart([
    {
      name: 'file',
      filename: input.filename,
      data: input.data,
      contentType: input.mediaType || 'application/octet-stream',
    },
    { name: 'comment', value: input.comment, contentType: 'text/plain; charset=utf-8' },
    { name: 'minorEdit', value: String(input.minorEdit) },
  ]);
  const spec = {
    method: 'PUT',
    kind: 'PUT attachment',
    api: 'v1',
    path: `/content/${encodeURIComponent(input.pageId)}/child/attachment`,
    // Without it Confluence's XSRF protection refuses the multipart request.
    headers: { 'X-Atlassian-Token': 'no-check' },
    multipart,
    file: input.file,
  } as const;
  const answer = await http.json<V1AttachmentAnswer>(spec);
  const attachment = answer && 'results' in answer ? answer.results[0] : answer;
  if (!attachment) {
    throw new ConfluenceError({
      status: 200,
      method: spec.method,
      path: new URL(http.urlOf(spec)).pathname,
      file: input.file,
      kind: 'unexpected',
      message: `Confluence accepted the upload of ${input.filename} but returned no attachment`,
    });
  }
  return fromV1Attachment(attachment);
}

/**
 * Trash an attachment (never purge). The APIs take the bare number (`att123` → `123`: the v2
 * path parameter is an int64, and v1 content ids are numeric). A repeat that finds it gone
 * means the first attempt worked.
 */
export async function deleteAttachment(dialect: Dialect, attachmentId: string): Promise<void> {
  const trace = newTrace();
  try {
    await dialect.trashAttachment(attachmentId.replace(/^att(?=\d+$)/, ''), trace);
  } catch (error) {
    if (isNotFound(error) && repeatedAfterLostAnswer(trace)) return;
    throw error;
  }
}
