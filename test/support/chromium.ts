import { chromium, type Browser } from 'playwright-core';

/**
 * Starts Debian's headless Chromium (`.ci/run` installs it). The flags keep the browser from
 * reaching the network, which this machine's closed network would refuse anyway.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
