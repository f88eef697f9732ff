// Lighthouse (npm lighthouse 12.2.3, with the machine's Chromium) on the storefront's home and listing pages, served by
// a real `./factory serve` on a temporary data directory: performance and accessibility must both be at least 90.
// Run: LIGHTHOUSE=<path to the lighthouse binary> node e2e/lighthouse.mjs   (reports in test-results/lighthouse/)
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const home = resolve(web, "..");
const out = join(web, "test-results", "lighthouse");
const MIN = 90;
const lighthouse = process.env.LIGHTHOUSE ?? join(web, "node_modules", ".bin", "lighthouse");
const chrome = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);
if (!existsSync(lighthouse)) {
  console.error(`lighthouse is not installed at ${lighthouse}: npm install --prefix <dir> lighthouse@12.2.3 and set LIGHTHOUSE`);
  process.exit(2);
}
if (!chrome) {
  console.error("Chromium is needed: apt-get install -y chromium (or set CHROMIUM_PATH)");
  process.exit(2);
}

const port = await new Promise((ok) => { const s = createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
const data = mkdtempSync(join(tmpdir(), "marketplace-lighthouse-"));
const server = spawn(join(home, "factory"), ["--data-dir", join(data, "store"), "serve", "--port", String(port)],
  { stdio: ["ignore", "ignore", "inherit"], detached: true });
const base = `http://127.0.0.1:${port}`;
let failed = false;
try {
  const deadline = Date.now() + 240_000;
  for (;;) {
    try { if ((await fetch(`${base}/api/health`)).ok) break; } catch { /* not up yet */ }
    if (server.exitCode !== null || Date.now() > deadline) throw new Error("./factory serve did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  mkdirSync(out, { recursive: true });
  for (const [name, path] of [["home", "/"], ["listing", "/catalog/ConnectSoft.Template.FunctionsMicroservice"]]) {
    execFileSync(lighthouse, [base + path, "--quiet", "--only-categories=performance,accessibility", "--output=json", "--output=html",
      `--output-path=${join(out, name)}`, "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"],
      { env: { ...process.env, CHROME_PATH: chrome }, stdio: ["ignore", "ignore", "inherit"] });
    const lhr = JSON.parse(readFileSync(join(out, `${name}.report.json`), "utf8"));
    const perf = Math.round(lhr.categories.performance.score * 100);
    const a11y = Math.round(lhr.categories.accessibility.score * 100);
    const lcp = lhr.audits["largest-contentful-paint"].displayValue;
    const tbt = lhr.audits["total-blocking-time"].displayValue;
    console.log(`${name} (${path}): performance ${perf}, accessibility ${a11y} (LCP ${lcp}, TBT ${tbt})`);
    if (perf < MIN || a11y < MIN) failed = true;
  }
} finally {
  try { process.kill(-server.pid, "SIGTERM"); } catch { /* already ended */ }
  rmSync(data, { recursive: true, force: true });
}
if (failed) {
  console.error(`a score is under ${MIN}: see ${out}`);
  process.exit(1);
}
