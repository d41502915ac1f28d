#!/usr/bin/env node
/**
 * Installs npm dependencies when they are missing or older than the lock file, so `npm start`, `npm test` and
 * `npm run bench` work on a fresh clone, and does nothing (in milliseconds) when they are current. Uses only the npm
 * registry, and never rewrites a committed lock file.
 *
 *   node scripts/ensure-installed.mjs            the repository's packages
 *   node scripts/ensure-installed.mjs --extras   the same, plus `extras/`: the optional in-process runtimes
 *                                                (node-llama-cpp for gguf:, transformers.js for onnx:), linked into
 *                                                node_modules so the packages that name them as optional peers find them
 *   node scripts/ensure-installed.mjs bench      a folder with its own package.json (the bench's peer libraries)
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const withExtras = args.includes("--extras");
const folder = resolve(root, args.find((arg) => !arg.startsWith("--")) ?? ".");

/** The packages of `extras/` that the repository's packages import by name. */
const linkedExtras = ["node-llama-cpp", "@huggingface/transformers"];

install(folder);
if (withExtras) {
  install(join(root, "extras"));
  for (const name of linkedExtras) link(name);
}

function install(target) {
  const lock = join(target, "package-lock.json");
  const stamp = join(target, "node_modules", ".trama-install-stamp");
  const wanted = createHash("sha256")
    .update(readFileSync(join(target, "package.json")))
    .update(existsSync(lock) ? readFileSync(lock) : "")
    .digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) return;
  const name = target === root ? "the repository" : relative(root, target);
  // `npm ci` installs exactly the lock file and never writes it. For extras/ npm's lock omits the platform packages
  // of other machines (so `npm ci` refuses it); `npm install --no-save` follows the lock and leaves it unwritten.
  const command = target === join(root, "extras") ? ["install", "--no-save"] : ["ci"];
  console.log(`Installing dependencies of ${name} (npm ${command.join(" ")})…`);
  // ONNX Runtime's install step would only fetch CUDA files from NuGet, which this project neither needs nor can reach.
  execFileSync("npm", [...command, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: target,
    stdio: "inherit",
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", ONNXRUNTIME_NODE_INSTALL: "skip" },
  });
  writeFileSync(stamp, wanted);
}

/** Points `node_modules/<name>` at `extras/node_modules/<name>` (npm removes such links on every root install). */
function link(name) {
  const target = join(root, "extras", "node_modules", name);
  const path = join(root, "node_modules", name);
  const relativeTarget = relative(dirname(path), target);
  let current;
  try {
    current = lstatSync(path);
  } catch {}
  if (current?.isSymbolicLink() && readlinkSync(path) === relativeTarget) return;
  if (current && !current.isSymbolicLink()) return; // installed for real: leave it alone
  if (current) rmSync(path);
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(relativeTarget, path, "dir");
}
