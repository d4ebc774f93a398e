/**
 * `cmsync server`: runs the embedded Confluence-compatible server in the foreground until SIGINT
 * (or SIGTERM), printing where it listens, how to log in and which faults it injects.
 *
 * Split in three so tests can drive each part: `parseServerArgs` (argv → options, throws
 * `ServerUsageError` on a bad value), `startServerCommand` (starts the server, prints the banner)
 * and `runServerCommand` (both, then waits for a signal; a usage error exits with status 2).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_EMAIL, DEFAULT_PAT, DEFAULT_TOKEN, startServer } from './index.js';
import type { EmbeddedConfluence, FaultSettings, ServerOptions } from './types.js';

export const SERVER_USAGE = `Usage: cmsync server [options]

Starts the embedded Confluence-compatible server and serves until Ctrl-C.

Server:
  --port N                 port to listen on (default 8090; 0 picks a free port)
  --host ADDR              address to bind (default 127.0.0.1)
  --flavor cloud|datacenter
                           cloud: v2 + v1 API under /wiki (default);
                           datacenter: v1 API under --context-path, Bearer PAT auth
  --context-path PATH      Data Center context path (default /confluence; "" for none)
  --space KEY              space to create, repeatable (default DOCS)

Credentials:
  --email ADDR --token T   Cloud Basic-auth login (default ${DEFAULT_EMAIL} / ${DEFAULT_TOKEN})
  --pat T                  Data Center personal access token, repeatable (default ${DEFAULT_PAT})

Fault injection (per API request; the HTML view is never affected):
  --latency MS             delay before every answer, in milliseconds (default 0)
  --rate-429 P             probability 0..1 of 429 Too Many Requests with Retry-After
  --rate-503 P             probability 0..1 of 503 Service Unavailable with Retry-After
  --rate-500 P             probability 0..1 of 500 Internal Server Error
  --rate-drop P            probability 0..1 of a dropped connection, before or after the
                           work is done (alias --drop)
  --retry-after S|date     Retry-After of 429/503: seconds >= 0 (default 1) or "date"
                           for an HTTP-date
  --fault-match REGEX      only requests whose "METHOD /path" matches get faults and latency
  --seed N                 seed of the random fault choices (default 1), for repeatable runs
  The rates are exclusive outcomes of one draw, so they must add up to at most 1.

Example:
  cmsync server --rate-429 0.2 --retry-after 1 --rate-503 0.05 --rate-500 0.01 --rate-drop 0.01

Invalid values exit with status 2.`;

/** A bad command-line value: the command prints the message and exits with status 2. */
export class ServerUsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ServerUsageError';
  }
}

/** What `parseServerArgs` makes of the arguments. */
export type ServerCommand = { help: true } | { help: false; options: ServerCommandOptions };

export interface ServerCommandOptions extends ServerOptions {
  flavor: 'cloud' | 'datacenter';
  port: number;
  spaces: { key: string }[];
  faults: FaultSettings;
}

const OPTIONS = {
  port: { type: 'string', default: '8090' },
  host: { type: 'string' },
  flavor: { type: 'string', default: 'cloud' },
  'context-path': { type: 'string' },
  space: { type: 'string', multiple: true },
  email: { type: 'string' },
  token: { type: 'string' },
  pat: { type: 'string', multiple: true },
  latency: { type: 'string', default: '0' },
  'rate-429': { type: 'string' },
  'rate-503': { type: 'string' },
  'rate-500': { type: 'string' },
  'rate-drop': { type: 'string' },
  drop: { type: 'string' },
  'retry-after': { type: 'string' },
  'fault-match': { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A finite number written in full (`Number('')` would be 0), or undefined. */
function toNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function probability(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = toNumber(text);
  if (n === undefined || n < 0 || n > 1)
    throw new ServerUsageError(`--${flag} must be a probability between 0 and 1, not "${text}"`);
  return n;
}

/** Parses `argv` (the arguments after `server`); throws `ServerUsageError` on a bad value. */
export function parseServerArgs(argv: string[]): ServerCommand {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ServerUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };

  const flavor = values.flavor;
  if (flavor !== 'cloud' && flavor !== 'datacenter')
    throw new ServerUsageError(`--flavor must be cloud or datacenter, not "${flavor}"`);
  const port = toNumber(values.port);
  if (port === undefined || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new ServerUsageError(`--port must be a port number, not "${values.port}"`);
  if (values.host !== undefined && values.host.trim() === '')
    throw new ServerUsageError('--host must not be empty');

  const contextPath = values['context-path'];
  if (contextPath !== undefined && flavor !== 'datacenter')
    throw new ServerUsageError('--context-path needs --flavor datacenter (Cloud is always under /wiki)');
  if (contextPath !== undefined && /[\s?#]/.test(contextPath))
    throw new ServerUsageError(`--context-path must be a URL path like /confluence, not "${contextPath}"`);
  if (values.pat !== undefined && flavor !== 'datacenter')
    throw new ServerUsageError('--pat needs --flavor datacenter (Cloud logs in with --email and --token)');
  if (values.pat?.some((p) => p === '' || /\s/.test(p)))
    throw new ServerUsageError('--pat must be a non-empty token without spaces');
  if ((values.email !== undefined || values.token !== undefined) && flavor !== 'cloud')
    throw new ServerUsageError('--email and --token need --flavor cloud (Data Center logs in with --pat)');
  if (values.email !== undefined && !/^[^\s:@]+@[^\s:@]+$/.test(values.email))
    throw new ServerUsageError(`--email must be an e-mail address, not "${values.email}"`);
  if (values.token === '') throw new ServerUsageError('--token must not be empty');

  const spaces = (values.space ?? ['DOCS']).map((key) => ({ key }));

  const faults: FaultSettings = {};
  const latencyMs = toNumber(values.latency);
  if (latencyMs === undefined || latencyMs < 0)
    throw new ServerUsageError(`--latency must be milliseconds >= 0, not "${values.latency}"`);
  if (latencyMs > 0) faults.latencyMs = latencyMs;

  if (values['rate-drop'] !== undefined && values.drop !== undefined)
    throw new ServerUsageError('give --rate-drop or --drop, not both');
  const rates = {
    rate429: probability('rate-429', values['rate-429']),
    rate503: probability('rate-503', values['rate-503']),
    rate500: probability('rate-500', values['rate-500']),
    rateDrop:
      values.drop !== undefined
        ? probability('drop', values.drop)
        : probability('rate-drop', values['rate-drop']),
  };
  const total = Object.values(rates).reduce<number>((sum, r) => sum + (r ?? 0), 0);
  // Tolerate float noise such as 0.7 + 0.2 + 0.1.
  if (total > 1 + 1e-9)
    throw new ServerUsageError(
      `the fault rates add up to ${Number(total.toFixed(6))}; each request gets at most one fault, so --rate-429, --rate-503, --rate-500 and --rate-drop must add up to at most 1`,
    );
  for (const [key, rate] of Object.entries(rates) as [keyof typeof rates, number | undefined][])
    if (rate !== undefined && rate > 0) faults[key] = rate;

  const retryAfter = values['retry-after'];
  if (retryAfter !== undefined) {
    const seconds = retryAfter === 'date' ? 'date' : toNumber(retryAfter);
    if (seconds === undefined || (seconds !== 'date' && (seconds < 0 || !Number.isInteger(seconds))))
      throw new ServerUsageError(`--retry-after must be whole seconds >= 0 or "date", not "${retryAfter}"`);
    faults.retryAfter = seconds;
  }

  const match = values['fault-match'];
  if (match !== undefined) {
    try {
      faults.match = new RegExp(match);
    } catch (error) {
      throw new ServerUsageError(
        `--fault-match must be a regular expression: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  let seed: number | undefined;
  if (values.seed !== undefined) {
    seed = toNumber(values.seed);
    if (seed === undefined || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      throw new ServerUsageError(`--seed must be a whole number from 0 to 4294967295, not "${values.seed}"`);
  }

  const auth: ServerOptions['auth'] =
    values.pat !== undefined
      ? { pats: values.pat }
      : values.email !== undefined || values.token !== undefined
        ? { users: [{ email: values.email ?? DEFAULT_EMAIL, token: values.token ?? DEFAULT_TOKEN }] }
        : undefined;

  return {
    help: false,
    options: {
      flavor,
      port,
      spaces,
      faults,
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(contextPath !== undefined ? { contextPath } : {}),
      ...(auth !== undefined ? { auth } : {}),
      ...(seed !== undefined ? { seed } : {}),
    },
  };
}

function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(4))}%`;
}

/** One line describing the injected faults, or undefined when there are none. */
export function describeFaults(faults: FaultSettings): string | undefined {
  const retry = `Retry-After ${faults.retryAfter === 'date' ? 'as HTTP-date' : `${faults.retryAfter ?? 1}s`}`;
  const parts = [
    faults.latencyMs ? `latency ${faults.latencyMs} ms` : undefined,
    faults.rate429 ? `429 ${percent(faults.rate429)} (${retry})` : undefined,
    faults.rate503 ? `503 ${percent(faults.rate503)} (${retry})` : undefined,
    faults.rate500 ? `500 ${percent(faults.rate500)}` : undefined,
    faults.rateDrop ? `dropped connection ${percent(faults.rateDrop)}` : undefined,
  ].filter((p): p is string => p !== undefined);
  if (parts.length === 0) return undefined;
  return parts.join(', ') + (faults.match ? ` on requests matching ${String(faults.match)}` : '');
}

/** Starts the server described by `options` and writes the banner (where, how to log in, faults). */
export async function startServerCommand(
  options: ServerCommandOptions,
  out: (text: string) => void = (text) => process.stdout.write(text),
): Promise<EmbeddedConfluence> {
  const server = await startServer(options);
  const { flavor, spaces, faults, auth } = options;
  const login =
    flavor === 'cloud'
      ? (() => {
          const user = (auth && auth.users?.[0]) || { email: DEFAULT_EMAIL, token: DEFAULT_TOKEN };
          return [
            `  credentials: username ${user.email}, token ${user.token} (Authorization: Basic)`,
            `  cmsync settings: --confluence-url ${server.url} --username ${user.email} --token ${user.token}`,
          ];
        })()
      : (() => {
          const pats = (auth && auth.pats) || [DEFAULT_PAT];
          return [
            `  credentials: personal access token ${pats.join(', ')} (Authorization: Bearer)`,
            `  cmsync settings: --confluence-url ${server.url} --token ${pats[0]} (no --username)`,
          ];
        })();
  const faultLine = describeFaults(faults);
  const lines = [
    `Embedded Confluence (${flavor}) listening at ${server.url}`,
    ...spaces.map(({ key }) => `  space ${key}: homepage id ${server.space(key)?.homepageId ?? '?'}`),
    ...login,
    ...(faultLine
      ? [`  faults: ${faultLine}${options.seed !== undefined ? `, seed ${options.seed}` : ''}`]
      : []),
    `  browse: ${server.origin}/`,
    'Press Ctrl-C to stop.',
  ];
  out(lines.join('\n') + '\n');
  return server;
}

/**
 * Parses `argv` (the arguments after `server`), starts the server and waits for SIGINT/SIGTERM.
 * A bad value prints the reason to stderr and exits the process with status 2.
 */
export async function runServerCommand(argv: string[]): Promise<void> {
  let command: ServerCommand;
  try {
    command = parseServerArgs(argv);
  } catch (error) {
    if (!(error instanceof ServerUsageError)) throw error;
    process.stderr.write(`cmsync server: ${error.message}\nRun "cmsync server --help" for the options.\n`);
    process.exit(error.exitCode);
  }
  if (command.help) {
    process.stdout.write(SERVER_USAGE + '\n');
    return;
  }
  const server = await startServerCommand(command.options);

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write('Embedded Confluence stopped.\n');
}
