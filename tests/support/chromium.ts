/** Debian's Chromium, driven by playwright-core: Playwright's own browser download cannot run here. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Brak przeglądarki ${chromiumPath}: zainstaluj ją (apt-get install chromium) albo wskaż CHROMIUM_PATH.`);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
