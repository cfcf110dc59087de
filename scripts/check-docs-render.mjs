#!/usr/bin/env node
// Render check of the published reference docs (`make spec-docs-check`).
//
// Loads dist/spec/index.html from disk in headless Debian Chromium with the network cut off,
// opens the page of every operation (with its callbacks), webhook and component schema of the
// spec it was built from, and fails unless each one renders its own section (the page is a
// single-page app that renders sections lazily, so the text of the file or of the first screen
// proves nothing), the send operation offers every message kind, and no script failed.
//
// Usage: node scripts/check-docs-render.mjs dist/spec/index.html dist/spec/openapi.json
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import puppeteer from "puppeteer-core";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start.
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SECTION_TIMEOUT_MS = 15_000;
// Operations whose request body is this schema must show every message kind.
const MESSAGE_HOLDER = "#/components/schemas/Omnimessage";
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
// Request types whose absence would break the page; anything else (the "API docs by" logo,
// which falls back to text) may fail offline.
const REQUIRED_RESOURCE_TYPES = new Set(["document", "script", "stylesheet", "xhr", "fetch", "font"]);

/** Collapse whitespace and drop markdown markup, to compare a description with rendered text. */
function plain(text) {
  return text.replace(/[`*]/g, "").replace(/\s+/g, " ").trim();
}

/** The first words of a description, as the page shows them. */
function lead(description) {
  return plain(description ?? "").split(" ").slice(0, 6).join(" ");
}

/**
 * Every page the docs must have, read from the bundled spec.
 * @param {any} spec The bundled OpenAPI document.
 * @returns {{route: string, label: string, texts: string[]}[]}
 */
function expectedSections(spec) {
  const kinds = messageKinds(spec);
  const sections = [];
  const operations = [
    ...Object.entries(spec.paths ?? {}).map(([path, item]) => ({ item, where: path })),
    ...Object.entries(spec.webhooks ?? {}).map(([name, item]) => ({ item, where: name })),
  ];
  for (const { item, where } of operations) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const tag = operation.tags?.[0];
      if (!tag || !operation.operationId || !operation.summary) {
        throw new Error(`${method.toUpperCase()} ${where}: needs a tag, an operationId and a summary`);
      }
      const body = operation.requestBody?.content?.["application/json"]?.schema?.$ref;
      // A callback (the delivery report) is shown inside its operation's section, by name.
      const callbacks = Object.keys(operation.callbacks ?? {});
      sections.push({
        route: `/${tag.toLowerCase()}/${operation.operationId.toLowerCase()}`,
        label: `operation ${operation.operationId} (${method.toUpperCase()} ${where})`,
        // The send operation's body must offer every message kind of its `messages` union.
        texts: [
          operation.summary,
          where,
          ...(body === MESSAGE_HOLDER ? kinds : []),
          ...(callbacks.length ? ["Callbacks", ...callbacks] : []),
        ],
      });
    }
  }
  for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
    // The page does not show the description of an allOf composition, only the merged
    // properties: there, the first property of its last member stands in for it.
    const shown = schema.allOf
      ? Object.keys(resolve$ref(spec, schema.allOf.at(-1)).properties ?? {}).slice(0, 1)
      : [lead(schema.description)];
    sections.push({
      route: `/schemas/${name.toLowerCase()}`,
      label: `schema ${name}`,
      texts: [name, ...shown, ...(name === "Message" ? kinds : [])],
    });
  }
  return sections;
}

/**
 * The message kinds the send operation must offer: the `channel` values of the `Message` union,
 * which the page shows as the choices of its discriminator.
 * @param {any} spec The bundled OpenAPI document.
 * @returns {string[]}
 */
function messageKinds(spec) {
  return Object.keys(spec.components.schemas.Message.discriminator.mapping);
}

/** Follow a local `$ref`, if `schema` is one. */
function resolve$ref(spec, schema) {
  if (!schema.$ref) return schema;
  return schema.$ref
    .slice(2)
    .split("/")
    .reduce((node, key) => node[key], spec);
}

/** Open `route` in the page and wait until its section shows every one of `texts`. */
async function sectionText(page, route, texts) {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#${route}`);
  const handle = await page.waitForFunction(
    (id, wanted) => {
      const section = document.querySelector(`[data-section-id="${id}"]`);
      if (!(section instanceof HTMLElement)) return false;
      const text = section.innerText.replace(/\s+/g, " ");
      return wanted.every((w) => text.includes(w));
    },
    { timeout: SECTION_TIMEOUT_MS, polling: 100 },
    route,
    texts,
  );
  await handle.dispose();
}

async function main() {
  const [htmlPath, specPath] = process.argv.slice(2);
  if (!htmlPath || !specPath) {
    console.error("usage: check-docs-render.mjs INDEX_HTML BUNDLED_SPEC_JSON");
    return 2;
  }
  const spec = JSON.parse(readFileSync(specPath, "utf8"));
  const sections = expectedSections(spec);
  const kinds = messageKinds(spec);
  const problems = [];
  const offline = [];

  const profile = mkdtempSync(join(tmpdir(), "docs-check-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    userDataDir: profile,
    args: CHROMIUM_FLAGS,
    timeout: 60_000,
  });
  try {
    const page = await browser.newPage();
    page.on("pageerror", (error) => problems.push(`script error on the page: ${error.message}`));
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      const url = request.url();
      if (/^(file|data|blob):/.test(url)) return void request.continue();
      // The page must work with no network: nothing leaves the machine.
      if (REQUIRED_RESOURCE_TYPES.has(request.resourceType())) {
        problems.push(`the page needs the network: ${request.resourceType()} ${url}`);
      } else {
        offline.push(url);
      }
      return void request.abort();
    });
    await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: "load" });

    for (const { route, label, texts } of sections) {
      try {
        await sectionText(page, route, texts);
      } catch {
        problems.push(`${label}: section #${route} did not render ${JSON.stringify(texts)}`);
      }
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }

  for (const url of offline) console.log(`note: blocked optional request ${url}`);
  if (problems.length) {
    for (const problem of problems) console.error(`FAIL ${problem}`);
    console.error(`docs render check: ${problems.length} problem(s) in ${htmlPath}`);
    return 1;
  }
  const operations = sections.filter((s) => s.label.startsWith("operation")).length;
  console.log(
    `docs render check: ${htmlPath} shows ${operations} operations, ${kinds.length} message ` +
      `kinds (${kinds.join(", ")}) and ${sections.length - operations} schemas`,
  );
  return 0;
}

process.exitCode = await main();
