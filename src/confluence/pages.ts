/**
 * Page writes with their failure handling: a create is never replayed blindly, an update whose
 * answer was lost is recognised when its retry hits 409, and repeats of trash/archive that find
 * the work already done count as success.
 */
import { isLostAnswer, newTrace, repeatedAfterLostAnswer, withContext } from './ambiguity.js';
import type { Dialect } from './dialect.js';
import { ConfluenceError, isNotFound, isVersionConflict } from './errors.js';
import type { HttpClient } from './http.js';
import type { ClientLog } from './options.js';
import { createOwnerOfNewPage, setOwner } from './properties.js';
import type { CreatePageInput, MovePosition, RemotePage, UpdatePageInput } from './types.js';

export interface PageWriter {
  http: HttpClient;
  dialect: Dialect;
  log: ClientLog;
}

/**
 * Create a page and its owner property. When the POST's answer is lost (network error, 500,
 * 502, 504), look the title up under the expected parent and return the page if it is there;
 * only when it is not, POST again (at most `maxRetries` times, with backoff).
 */
export async function createPage(writer: PageWriter, input: CreatePageInput): Promise<RemotePage> {
  const { http, dialect, log } = writer;
  let page: RemotePage | undefined;
  let recovered = false;
  for (let repost = 0; page === undefined; repost++) {
    try {
      page = await dialect.postPage(input);
    } catch (error) {
      if (!isLostAnswer(error) || repost >= http.maxRetries) throw withFile(error, input.file);
      log.debug(
        `The answer to creating "${input.title}" was lost (${error.code ?? `HTTP ${error.status}`}); looking it up before posting again`,
      );
      page = await findCreated(dialect, input);
      recovered = page !== undefined;
      if (!page) await http.pause(repost, `posting "${input.title}" again`);
    }
  }
  if (input.deferOwner) return { ...page, parentId: page.parentId ?? input.parentId };
  try {
    if (recovered) {
      // Data Center's create carried the property; Cloud's second request may not have happened.
      if (!page.owner) await setOwner(dialect, page.id, input.owner);
    } else if (!dialect.ownerWrittenOnCreate) {
      await createOwnerOfNewPage(dialect, page.id, input.owner);
    }
  } catch (error) {
    // The page exists without its marker; the next run adopts it by title inside the managed tree.
    if (error instanceof ConfluenceError) {
      throw withFile(
        withContext(error, `Created page ${page.id} "${input.title}" but could not mark it as cmsync's`),
        input.file,
      );
    }
    throw error;
  }
  return { ...page, parentId: page.parentId ?? input.parentId, owner: input.owner };
}

/**
 * The page our lost POST created, if it exists: same title, under the expected parent, and not
 * marked as some other source's page. A same-titled page elsewhere is left to the next POST,
 * which then fails with `title-exists` as it should.
 */
async function findCreated(dialect: Dialect, input: CreatePageInput): Promise<RemotePage | undefined> {
  const candidates = await dialect.findTitle(input.space, input.title, input.file);
  return candidates.find(
    (page) =>
      page.title === input.title &&
      page.parentId === input.parentId &&
      (page.owner === undefined || page.owner.path === input.owner.path),
  );
}

/**
 * Update body, title and (optionally) parent. A stale `version` throws kind `conflict`, except
 * when the 409 answers our own retry and the page now carries exactly our version and message:
 * then the first attempt landed and only its answer was lost.
 */
export async function updatePage(writer: PageWriter, input: UpdatePageInput): Promise<RemotePage> {
  const trace = newTrace();
  try {
    return await writer.dialect.putPage(input, trace);
  } catch (error) {
    if (isVersionConflict(error) && repeatedAfterLostAnswer(trace)) {
      const page = await writer.dialect.getPage(input.id);
      if (page.version.number === input.version && page.version.message === input.message) {
        writer.log.debug(
          `Update of page ${input.id} landed before its answer was lost; version ${input.version} is ours`,
        );
        return page;
      }
    }
    throw withFile(error, input.file);
  }
}

/** v1 move (Cloud and Data Center): `PUT /content/{id}/move/{position}/{targetId}`, no body. */
export async function movePage(
  http: HttpClient,
  pageId: string,
  position: MovePosition,
  targetId: string,
): Promise<void> {
  await http.send({
    method: 'PUT',
    kind: 'PUT move',
    api: 'v1',
    path: `/content/${encodeURIComponent(pageId)}/move/${position}/${encodeURIComponent(targetId)}`,
  });
}

/** Trash (never purge). A repeat that finds the page gone means the first attempt worked. */
export async function trashPage(dialect: Dialect, id: string): Promise<void> {
  const trace = newTrace();
  try {
    await dialect.trashPage(id, trace);
  } catch (error) {
    if (isNotFound(error) && repeatedAfterLostAnswer(trace)) return;
    throw error;
  }
}

/** Archive (Cloud). A repeat refused as "already archived" means the first attempt worked. */
export async function archivePage(dialect: Dialect, id: string): Promise<void> {
  const trace = newTrace();
  try {
    await dialect.archivePage(id, trace);
  } catch (error) {
    const alreadyArchived =
      error instanceof ConfluenceError &&
      error.status === 400 &&
      /archived/i.test(error.confluenceMessage ?? '');
    if (alreadyArchived && repeatedAfterLostAnswer(trace)) return;
    throw error;
  }
}

function withFile(error: unknown, file: string | undefined): unknown {
  if (error instanceof ConfluenceError && file && !error.file) error.file = file;
  return error;
}
