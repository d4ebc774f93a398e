/**
 * A local stand-in for the slice of GitHub's REST API the preview uses (issue comments), over
 * real HTTP on loopback, so the real Octokit client runs unmodified (GITHUB_API_URL / baseUrl).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  issue: number;
  user: string;
}

export interface FakeGitHub {
  url: string;
  comments: FakeComment[];
  requests: { method: string; path: string }[];
  /** When true, writes answer 403 like a fork PR's read-only token. */
  readOnly: boolean;
  /**
   * Who the token is: `github-actions[bot]` (the default: GET /user answers 403, as for the
   * workflow's token) or a person's login (a PAT: GET /user answers with it).
   */
  poster: string;
  close(): Promise<void>;
}

const LIMIT = 65536;

export async function startFakeGitHub(options: { perPage?: number } = {}): Promise<FakeGitHub> {
  const state: FakeGitHub = {
    url: '',
    comments: [],
    requests: [],
    readOnly: false,
    poster: 'github-actions[bot]',
    close: async () => undefined,
  };
  let nextId = 1000;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      state.requests.push({ method: req.method ?? 'GET', path: url.pathname });
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      const toJson = (c: FakeComment): object => ({
        id: c.id,
        body: c.body,
        user: { login: c.user, type: c.user.endsWith('[bot]') ? 'Bot' : 'User' },
        html_url: `https://github.example/o/r/pull/${c.issue}#issuecomment-${c.id}`,
      });
      const list = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/);
      const one = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/);
      const isWrite = req.method !== 'GET';
      if (isWrite && state.readOnly) return send(403, { message: 'Resource not accessible by integration' });
      const body = raw ? (JSON.parse(raw) as { body?: string }) : {};
      if (isWrite && typeof body.body === 'string' && body.body.length > LIMIT)
        return send(422, {
          message: 'Validation Failed',
          errors: [{ message: `Body is too long (maximum is ${LIMIT} characters)` }],
        });
      if (url.pathname === '/user' && req.method === 'GET')
        return state.poster.endsWith('[bot]')
          ? send(403, { message: 'Resource not accessible by integration' })
          : send(200, { login: state.poster, type: 'User' });
      if (list && req.method === 'GET') {
        const issue = Number(list[1]);
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), options.perPage ?? 100);
        const page = Number(url.searchParams.get('page') ?? 1);
        const all = state.comments.filter((c) => c.issue === issue);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          headers.link = `<${state.url}${next.pathname}${next.search}>; rel="next"`;
        }
        return send(200, slice.map(toJson), headers);
      }
      if (list && req.method === 'POST') {
        const c = {
          id: nextId++,
          body: body.body ?? '',
          issue: Number(list[1]),
          user: state.poster,
        };
        state.comments.push(c);
        return send(201, toJson(c));
      }
      if (one) {
        const c = state.comments.find((x) => x.id === Number(one[1]));
        if (!c) return send(404, { message: 'Not Found' });
        if (req.method === 'PATCH') {
          c.body = body.body ?? c.body;
          return send(200, toJson(c));
        }
        if (req.method === 'DELETE') {
          state.comments = state.comments.filter((x) => x !== c);
          return send(204, undefined);
        }
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
