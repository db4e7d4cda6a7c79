// Lighthouse (mobile) on the PWA's sign-in page and on a member's home, against a running ./run-local.
// Prints performance and accessibility scores and the JavaScript the screen loaded (bytes on the wire, gzipped).
// Usage: node infra/platform/bench-lighthouse.mjs [base url] (default http://demo.localhost:8080)
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const base = process.argv[2] ?? 'http://demo.localhost:8080';
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const browser = await puppeteer.launch({
  executablePath: chrome,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const port = Number(new URL(browser.wsEndpoint()).port);

async function audit(url, label) {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    formFactor: 'mobile',
    // Keep the signed-in member's refresh cookie between the sign-in and the audit of his home.
    disableStorageReset: true,
  });
  const lhr = result.lhr;
  const requests = lhr.audits['network-requests'].details.items;
  const scripts = requests.filter((r) => r.resourceType === 'Script');
  const scriptBytes = scripts.reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
  console.log(
    `${label}: performance ${Math.round(lhr.categories.performance.score * 100)}, accessibility ${Math.round(lhr.categories.accessibility.score * 100)}, ` +
      `JavaScript ${(scriptBytes / 1024).toFixed(1)} KB over the wire in ${scripts.length} files, ` +
      `LCP ${Math.round(lhr.audits['largest-contentful-paint'].numericValue)} ms, TBT ${Math.round(lhr.audits['total-blocking-time'].numericValue)} ms`,
  );
  for (const [id, a] of Object.entries(lhr.audits)) {
    if (a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((ref) => ref.id === id)) {
      console.log(`  accessibility: ${id}: ${a.title}`);
    }
  }
}

await audit(base + '/signin', 'sign-in page');

const page = await browser.newPage();
await page.goto(base + '/signin', { waitUntil: 'networkidle0' });
await page.type('input[type=email]', 'member1@demo.localhost');
await page.type('input[type=password]', 'hearth-demo-password');
await Promise.all([page.waitForSelector('h1 ::-p-text(Hello)'), page.click('button[type=submit]')]);
await page.close();

await audit(base + '/', "member's home");
await browser.close();
