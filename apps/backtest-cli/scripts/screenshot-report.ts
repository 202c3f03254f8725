// Renders a backtest HTML report in headless Chromium and saves a full-page PNG (for the README).
//
//   TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register -r tsconfig-paths/register \
//     apps/backtest-cli/scripts/screenshot-report.ts docs/backtest/sample-report.html docs/backtest/sample-report.png
//
// Chromium: CHROMIUM_PATH, or the one `bash scripts/infra/chromium.sh ensure` installs.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

async function main(): Promise<void> {
  const [html, png] = process.argv.slice(2);
  if (!html || !png) throw new Error('usage: screenshot-report.ts <report.html> <out.png>');
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (path): path is string => path !== undefined && path !== '' && existsSync(path),
  );
  if (!executablePath)
    throw new Error('no Chromium: run `bash scripts/infra/chromium.sh ensure` or set CHROMIUM_PATH');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(resolve(html)).href, { waitUntil: 'load' });
    await page.waitForFunction(
      () => (globalThis as unknown as { backtestReport?: { ready: boolean } }).backtestReport?.ready === true,
    );
    await page.screenshot({ path: png, fullPage: true });
  } finally {
    await browser.close();
  }
  process.stdout.write(`${png}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
