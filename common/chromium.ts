/** Debian's chromium: a test tool's own browser download cannot work on these machines. */
export const CHROMIUM_PATH = process.env.PACKGATE_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless flags for this workplace's closed network: without the background-networking ones,
 * Chromium keeps trying hosts it cannot reach.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
