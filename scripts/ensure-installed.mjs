#!/usr/bin/env node
/**
 * Installs npm dependencies when they are missing or older than the lock file, so `npm start`, `npm test` and
 * `npm run bench` work on a fresh clone. `node scripts/ensure-installed.mjs [folder]`: the repository root by
 * default, or a folder with its own package.json (the bench, whose peer libraries users of Trama never install).
 * Uses only the npm registry.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const folder = resolve(root, process.argv[2] ?? ".");
const lock = join(folder, "package-lock.json");
const stamp = join(folder, "node_modules", ".trama-install-stamp");
const manifest = readFileSync(join(folder, "package.json"));
const wanted = createHash("sha256")
  .update(manifest)
  .update(existsSync(lock) ? readFileSync(lock) : "")
  .digest("hex");

if (existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) process.exit(0);

// `npm ci` refuses lock files that lack other platforms' optional packages, as npm 11 writes them here; `npm install`
// honours the lock file all the same.
const command = ["install"];
console.log(`Installing dependencies in ${folder === root ? "the repository" : folder} (npm ${command[0]})…`);
execFileSync("npm", [...command, "--no-audit", "--no-fund", "--loglevel=error"], {
  cwd: folder,
  stdio: "inherit",
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", ONNXRUNTIME_NODE_INSTALL: "skip" },
});
writeFileSync(stamp, wanted);
