#!/usr/bin/env node
// Write the spec as client generators should read it: without `webhooks` (and their tag).
//
// A client never calls a webhook, and openapi-generator 7.26.0 would generate a caller for it
// with a broken import (it loses the name of the webhook body's $ref). The webhook body's
// schema stays in components, so its type is still generated.
//
// Usage: node scripts/client-spec.mjs dist/spec/openapi.json OUTPUT.json
import { readFileSync, writeFileSync } from "node:fs";

const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error("usage: client-spec.mjs BUNDLED_SPEC_JSON OUTPUT_JSON");
  process.exit(2);
}
const spec = JSON.parse(readFileSync(source, "utf8"));
const webhookTags = new Set(
  Object.values(spec.webhooks ?? {}).flatMap((item) => Object.values(item).flatMap((op) => op.tags ?? [])),
);
delete spec.webhooks;
spec.tags = (spec.tags ?? []).filter((tag) => !webhookTags.has(tag.name));
writeFileSync(target, `${JSON.stringify(spec, null, 2)}\n`);
