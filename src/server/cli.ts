/**
 * `cmsync server`: runs the embedded Confluence-compatible server in the foreground until SIGINT
 * (or SIGTERM), printing where it listens and how to log in.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_EMAIL, DEFAULT_PAT, DEFAULT_TOKEN, startServer } from './index.js';

export const SERVER_USAGE = `Usage: cmsync server [--port N] [--flavor cloud|datacenter] [--context-path /confluence]
                     [--latency MS] [--space KEY]...

Starts the embedded Confluence-compatible server on 127.0.0.1 and serves until Ctrl-C.`;

/** Parses `argv` (the arguments after `server`), starts the server and waits for a signal. */
export async function runServerCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8090' },
      flavor: { type: 'string', default: 'cloud' },
      'context-path': { type: 'string' },
      latency: { type: 'string', default: '0' },
      space: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(SERVER_USAGE + '\n');
    return;
  }
  const flavor = values.flavor;
  if (flavor !== 'cloud' && flavor !== 'datacenter')
    throw new Error(`--flavor must be cloud or datacenter, not "${flavor}"`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not "${values.port}"`);
  const latencyMs = Number(values.latency);
  if (!Number.isFinite(latencyMs) || latencyMs < 0)
    throw new Error(`--latency must be milliseconds, not "${values.latency}"`);

  const spaces = (values.space ?? ['DOCS']).map((key) => ({ key }));
  const server = await startServer({
    flavor,
    port,
    ...(values['context-path'] !== undefined ? { contextPath: values['context-path'] } : {}),
    faults: { latencyMs },
    spaces,
  });
  const lines = [
    `Embedded Confluence (${flavor}) listening at ${server.url}`,
    ...spaces.map(({ key }) => `  space ${key}: homepage id ${server.space(key)?.homepageId ?? '?'}`),
    flavor === 'cloud'
      ? `  credentials: username ${DEFAULT_EMAIL}, token ${DEFAULT_TOKEN}`
      : `  credentials: personal access token ${DEFAULT_PAT} (Authorization: Bearer)`,
    `  browse: ${server.origin}/`,
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(lines.join('\n') + '\n');

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
