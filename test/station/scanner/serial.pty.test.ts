import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PtyLink } from '../../../firmware-sim/scanner/pty-link.js';
import { testSerialScanner } from './serial-driver.suite.js';

// Real serial I/O: a socat pseudo-terminal is a tty, opened through serialport's own binding.
testSerialScanner({
  name: 'a pseudo-terminal (socat)',
  createLink: async () => ({ link: await PtyLink.create(join(tmpdir(), `packgate-tty-${randomUUID()}`)) }),
});
