/**
 * A `multipart/form-data` body built by hand. Node's `FormData` cannot send a text field with its
 * own `Content-Type` (a Blob part always becomes a *file* named "blob"), and Confluence reads the
 * attachment `comment` as UTF-8 only when that part says `text/plain; charset=utf-8`.
 */
import { randomBytes } from 'node:crypto';

export type MultipartPart =
  | { name: string; value: string; contentType?: string }
  | { name: string; filename: string; data: Uint8Array; contentType: string };

export interface MultipartBody {
  body: Blob;
  contentType: string;
}

/** Quote a name or filename as the HTML standard's form encoding does (`"`, CR, LF escaped). */
export function quoteHeaderValue(value: string): string {
  return `"${value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')}"`;
}

export function buildMultipart(
  parts: MultipartPart[],
  boundary = `cmsync-${randomBytes(12).toString('hex')}`,
): MultipartBody {
  const chunks: Array<string | Uint8Array> = [];
  for (const part of parts) {
    chunks.push(`--${boundary}\r\n`);
    if ('data' in part) {
      chunks.push(
        `Content-Disposition: form-data; name=${quoteHeaderValue(part.name)}; filename=${quoteHeaderValue(part.filename)}\r\n`,
        `Content-Type: ${part.contentType}\r\n\r\n`,
        part.data,
        '\r\n',
      );
    } else {
      chunks.push(`Content-Disposition: form-data; name=${quoteHeaderValue(part.name)}\r\n`);
      if (part.contentType) chunks.push(`Content-Type: ${part.contentType}\r\n`);
      chunks.push('\r\n', part.value, '\r\n');
    }
  }
  chunks.push(`--${boundary}--\r\n`);
  return { body: new Blob(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
