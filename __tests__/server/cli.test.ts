import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import {
  parseServerArgs,
  SERVER_USAGE,
  ServerUsageError,
  startServerCommand,
  type ServerCommandOptions,
} from '../../src/server/cli.js';
import type { EmbeddedConfluence } from '../../src/server/index.js';
import { CLOUD_AUTH, DC_AUTH } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function options(argv: string[]): ServerCommandOptions {
  const command = parseServerArgs(argv);
  if (command.help) throw new Error('unexpected --help');
  return command.options;
}

function usageError(argv: string[]): ServerUsageError {
  try {
    parseServerArgs(argv);
  } catch (error) {
    if (error instanceof ServerUsageError) return error;
    throw error;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('cmsync server arguments', () => {
  it('refuses bad values with a usage error (exit status 2) naming the flag', () => {
    const cases: [string[], RegExp][] = [
      [['--flavor', 'onprem'], /--flavor must be cloud or datacenter/],
      [['--port', 'eighty'], /--port must be a port number/],
      [['--port', ''], /--port must be a port number/],
      [['--latency', 'slow'], /--latency must be milliseconds/],
      [['--latency=-5'], /--latency must be milliseconds/],
      [['--bogus'], /bogus/],
      [['--rate-429', '1.5'], /--rate-429 must be a probability between 0 and 1, not "1.5"/],
      [['--rate-503=-0.1'], /--rate-503 must be a probability/],
      [['--rate-500', 'often'], /--rate-500 must be a probability/],
      [['--rate-drop', ''], /--rate-drop must be a probability/],
      [['--drop', '2'], /--drop must be a probability/],
      [['--drop', '0.1', '--rate-drop', '0.1'], /not both/],
      [['--rate-429', '0.6', '--rate-503', '0.5'], /add up to 1\.1.*at most 1/],
      [['--retry-after=-1'], /--retry-after must be whole seconds >= 0 or "date"/],
      [['--retry-after', '1.5'], /--retry-after must be whole seconds/],
      [['--retry-after', 'soon'], /--retry-after must be whole seconds/],
      [['--fault-match', '('], /--fault-match must be a regular expression/],
      [['--seed=-1'], /--seed must be a whole number/],
      [['--context-path', '/confluence'], /--context-path needs --flavor datacenter/],
      [['--pat', 'secret'], /--pat needs --flavor datacenter/],
      [['--flavor', 'datacenter', '--token', 't'], /--email and --token need --flavor cloud/],
      [['--email', 'not-an-address'], /--email must be an e-mail address/],
    ];
    for (const [argv, message] of cases) {
      const error = usageError(argv);
      expect(error.message).toMatch(message);
      expect(error.exitCode).toBe(2);
    }
  });

  it('maps the flags onto the server and fault options', () => {
    expect(parseServerArgs(['--help'])).toEqual({ help: true });
    expect(options([])).toEqual({ flavor: 'cloud', port: 8090, spaces: [{ key: 'DOCS' }], faults: {} });
    expect(
      options([
        '--rate-429=0.2',
        '--retry-after=1',
        '--rate-503=0.05',
        '--rate-500=0.01',
        '--drop=0.01',
        '--latency=20',
        '--seed=7',
        '--fault-match=^PUT ',
        '--port=0',
      ]),
    ).toEqual({
      flavor: 'cloud',
      port: 0,
      spaces: [{ key: 'DOCS' }],
      seed: 7,
      faults: {
        rate429: 0.2,
        rate503: 0.05,
        rate500: 0.01,
        rateDrop: 0.01,
        retryAfter: 1,
        latencyMs: 20,
        match: /^PUT /,
      },
    });
    expect(options(['--rate-429=0.7', '--rate-503=0.2', '--rate-500=0.1']).faults.rate500).toBe(0.1);
    expect(options(['--retry-after', 'date']).faults.retryAfter).toBe('date');
    expect(
      options(['--flavor', 'datacenter', '--context-path', '/wiki-dc', '--pat', 'p1', '--pat', 'p2']),
    ).toMatchObject({ flavor: 'datacenter', contextPath: '/wiki-dc', auth: { pats: ['p1', 'p2'] } });
    expect(options(['--email', 'ci@example.com', '--token', 'tok'])).toMatchObject({
      auth: { users: [{ email: 'ci@example.com', token: 'tok' }] },
    });
  });

  it('documents every flag in --help', () => {
    for (const flag of [
      '--port',
      '--host',
      '--flavor',
      '--context-path',
      '--space',
      '--email',
      '--token',
      '--pat',
      '--latency',
      '--rate-429',
      '--rate-503',
      '--rate-500',
      '--rate-drop',
      '--drop',
      '--retry-after',
      '--fault-match',
      '--seed',
    ])
      expect(SERVER_USAGE).toContain(flag);
  });
});

describe('cmsync server started from its arguments', () => {
  let server: EmbeddedConfluence | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(argv: string[]): Promise<{ server: EmbeddedConfluence; banner: string }> {
    let banner = '';
    server = await startServerCommand(options(['--port', '0', ...argv]), (text) => (banner += text));
    return { server, banner };
  }

  it('--rate-429 1 answers every API request 429 with the given Retry-After, never the HTML view', async () => {
    const { server, banner } = await start(['--rate-429', '1', '--retry-after', '3']);
    expect(banner).toContain('faults: 429 100% (Retry-After 3s)');
    for (const path of ['/wiki/api/v2/spaces', '/wiki/rest/api/space/DOCS', '/wiki/api/v2/pages']) {
      const res = await fetch(server.origin + path, { headers: { authorization: CLOUD_AUTH } });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('3');
      await res.arrayBuffer();
    }
    expect((await fetch(server.origin + '/')).status).toBe(200);
    expect(server.requests().map((r) => [r.status, r.injected])).toEqual([
      [429, true],
      [429, true],
      [429, true],
    ]);
  });

  it('--rate-503 1 with --retry-after date, --fault-match narrows the faults', async () => {
    const { server } = await start([
      '--rate-503',
      '1',
      '--retry-after',
      'date',
      '--fault-match',
      '^GET .*/space',
    ]);
    const limited = await fetch(server.origin + '/wiki/api/v2/spaces', {
      headers: { authorization: CLOUD_AUTH },
    });
    expect(limited.status).toBe(503);
    expect(limited.headers.get('retry-after')).toMatch(/GMT$/);
    await limited.arrayBuffer();
    const pages = await fetch(server.origin + '/wiki/api/v2/pages', {
      headers: { authorization: CLOUD_AUTH },
    });
    expect(pages.status).toBe(200);
    await pages.arrayBuffer();
  });

  it('--rate-500 1 answers 500 and --rate-drop 1 drops the connection', async () => {
    const { server: failing } = await start(['--rate-500', '1']);
    const res = await fetch(failing.origin + '/wiki/api/v2/spaces', {
      headers: { authorization: CLOUD_AUTH },
    });
    expect(res.status).toBe(500);
    await res.arrayBuffer();
    await failing.close();

    const { server: dropping } = await start(['--rate-drop', '1']);
    await expect(
      fetch(dropping.origin + '/wiki/api/v2/spaces', { headers: { authorization: CLOUD_AUTH } }),
    ).rejects.toThrow();
    expect(dropping.requests()[0]?.injected).toBe(true);
  });

  it('serves Data Center under --context-path and accepts only the --pat tokens', async () => {
    const { server, banner } = await start([
      '--flavor',
      'datacenter',
      '--context-path',
      'wiki-dc',
      '--pat',
      'ci-pat',
    ]);
    expect(server.url).toBe(`${server.origin}/wiki-dc`);
    expect(banner).toContain(`--confluence-url ${server.url} --token ci-pat (no --username)`);
    const get = (auth: string): Promise<Response> =>
      fetch(server.url + '/rest/api/space/DOCS', { headers: { authorization: auth } });
    const ok = await get('Bearer ci-pat');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { key: string }).key).toBe('DOCS');
    const refused = await get(DC_AUTH);
    expect(refused.status).toBe(401);
    await refused.arrayBuffer();
  });

  it('accepts the --email/--token login on Cloud', async () => {
    const { server, banner } = await start(['--email', 'ci@example.com', '--token', 'tok']);
    expect(banner).toContain('username ci@example.com, token tok');
    const auth = 'Basic ' + Buffer.from('ci@example.com:tok').toString('base64');
    const res = await fetch(server.url + '/api/v2/spaces', { headers: { authorization: auth } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });
});

describe('the cmsync server command as a process', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  function cli(argv: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'server', ...argv], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    return { child, stdout: () => out, stderr: () => err };
  }

  /** Resolves once stdout contains `text` (or rejects if the process exits first). */
  function waitForOutput(child: ChildProcess, stdout: () => string, text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!stdout().includes(text)) return;
        child.stdout!.off('data', check);
        child.off('exit', exited);
        resolve();
      };
      const exited = (code: number | null): void => {
        child.stdout!.off('data', check);
        reject(new Error(`exited with ${code} before printing "${text}":\n${stdout()}`));
      };
      child.stdout!.on('data', check);
      child.once('exit', exited);
      check();
    });
  }

  it('exits with status 2 and a clear message on a bad fault value', async () => {
    const { child, stdout, stderr } = cli(['--rate-429', '1.5']);
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(2);
    expect(stderr()).toContain('cmsync server: --rate-429 must be a probability between 0 and 1, not "1.5"');
    expect(stdout()).toBe('');
  });

  it('with --rate-429 1 answers every API request 429 + Retry-After, and stops on SIGINT', async () => {
    const { child, stdout } = cli(['--port', '0', '--rate-429', '1', '--retry-after', '2']);
    await waitForOutput(child, stdout, 'Press Ctrl-C to stop.');
    const url = /listening at (http:\S+)/.exec(stdout())![1]!;
    expect(stdout()).toContain('faults: 429 100% (Retry-After 2s)');
    for (const path of ['/api/v2/spaces', '/rest/api/space/DOCS']) {
      const res = await fetch(url + path, { headers: { authorization: CLOUD_AUTH } });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      await res.arrayBuffer();
    }
    child.kill('SIGINT');
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(0);
    expect(stdout()).toContain('Embedded Confluence stopped.');
  });
});
