import { describe, expect, it } from '@jest/globals';
import { runServerCommand } from '../../src/server/cli.js';

describe('cmsync server arguments', () => {
  it('refuses bad values before starting anything', async () => {
    await expect(runServerCommand(['--flavor', 'onprem'])).rejects.toThrow(
      /--flavor must be cloud or datacenter/,
    );
    await expect(runServerCommand(['--port', 'eighty'])).rejects.toThrow(/--port must be a port number/);
    await expect(runServerCommand(['--latency', 'slow'])).rejects.toThrow(/--latency must be milliseconds/);
    await expect(runServerCommand(['--bogus'])).rejects.toThrow(/bogus/);
  });
});
