#!/usr/bin/env node
// Render check of the Python API reference (`make api-docs-check`, tests/test_api_docs.py).
//
// Opens every page `tools/api_docs.py` wrote in headless Debian Chromium with the network cut
// off, like scripts/check-docs-render.mjs does for the spec's docs, and fails unless each name
// of the module's `__all__` has its own rendered section (a class or function with its
// docstring), the search index loads from disk and finds the client, and no script failed.
//
// Usage: node scripts/check-api-docs.mjs build/api-docs   (reads build/api-docs.names.json)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import puppeteer from "puppeteer-core";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start.
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const TIMEOUT_MS = 15_000;
// What the search must find, from the front page.
const SEARCH = { page: "messente_omnichannel.html", term: "Omnichannel", find: "messente_omnichannel.Omnichannel" };

/** Every name of `names` that has no visible section, or whose class/function has no docstring. */
async function missingSections(page, names) {
  return page.evaluate((wanted) => {
    const problems = [];
    for (const name of wanted) {
      const section = document.getElementById(name);
      if (!(section instanceof HTMLElement) || section.getBoundingClientRect().height === 0) {
        problems.push(`${name}: no rendered section`);
        continue;
      }
      const attr = section.querySelector(":scope > .attr");
      const documented = section.querySelector(":scope > .docstring")?.innerText.trim();
      if (attr && /\b(class|function)\b/.test(attr.className) && !documented) {
        problems.push(`${name}: no docstring`);
      }
    }
    return problems;
  }, names);
}

async function main() {
  const [docsDir] = process.argv.slice(2);
  if (!docsDir) {
    console.error("usage: check-api-docs.mjs API_DOCS_DIR");
    return 2;
  }
  const root = resolve(docsDir);
  const expected = JSON.parse(readFileSync(join(dirname(root), `${basename(root)}.names.json`), "utf8"));
  const problems = [];
  const profile = mkdtempSync(join(tmpdir(), "api-docs-check-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    userDataDir: profile,
    args: CHROMIUM_FLAGS,
    timeout: 60_000,
  });
  let checked = 0;
  try {
    const page = await browser.newPage();
    page.on("pageerror", (error) => problems.push(`script error on ${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error on ${page.url()}: ${message.text()}`);
    });
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      const url = request.url();
      if (/^(file|data|blob):/.test(url)) return void request.continue();
      problems.push(`the page needs the network: ${request.resourceType()} ${url}`);
      return void request.abort();
    });
    for (const [file, names] of Object.entries(expected)) {
      await page.goto(pathToFileURL(join(root, file)).href, { waitUntil: "load" });
      for (const problem of await missingSections(page, names)) problems.push(`${file}: ${problem}`);
      checked += names.length;
    }
    const url = new URL(pathToFileURL(join(root, SEARCH.page)).href);
    url.searchParams.set("search", SEARCH.term);
    await page.goto(url.href, { waitUntil: "load" });
    try {
      await page.waitForFunction(
        (find) => document.body.innerText.includes("search result") && document.body.innerText.includes(find),
        { timeout: TIMEOUT_MS, polling: 100 },
        SEARCH.find,
      );
    } catch {
      problems.push(`search for '${SEARCH.term}' did not list ${SEARCH.find}`);
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  if (problems.length) {
    for (const problem of problems) console.error(`FAIL ${problem}`);
    console.error(`api docs check: ${problems.length} problem(s) in ${docsDir}`);
    return 1;
  }
  const pages = Object.keys(expected).length;
  console.log(`api docs check: ${docsDir} renders ${checked} public names on ${pages} pages; search works offline`);
  return 0;
}

process.exitCode = await main();
