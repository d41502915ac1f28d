#!/usr/bin/env node
/**
 * `npm run test:node-lines [-- 22 24]`: runs `npm test` on other Node.js release lines than the one at hand, each in a
 * fresh clone of the committed HEAD. Each line's Node.js comes from the npm registry (the `node-<platform>-<arch>`
 * packages the `node` package installs), so the supported lines can be checked on a machine with one Node.js and only
 * the npm registry; native addons such as better-sqlite3 are built against that Node.js's own headers, which it ships.
 * The binaries are kept in ~/.cache/trama/node/<version>/. Uncommitted changes are not tested.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const majors = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["22", "24"];
const platforms = { linux: "linux", darwin: "darwin" };
if (!(process.platform in platforms)) {
  console.error(`test:node-lines runs on Linux and macOS; on ${process.platform}, install the Node.js lines yourself.`);
  process.exit(2);
}
const binaryPackage = `node-${platforms[process.platform]}-${process.arch}`;
const npm = (args, options = {}) => execFileSync("npm", args, { encoding: "utf8", ...options }).trim();

const results = [];
for (const major of majors) {
  const version = latestVersion(major);
  const nodeDir = nodeRelease(version);
  const clone = mkdtempSync(join(tmpdir(), `trama-node${major}-`));
  execFileSync("git", ["clone", "--quiet", root, clone]);
  console.log(`\n== Node.js ${version}: npm test in ${clone}\n`);
  const started = Date.now();
  const run = spawnSync("npm", ["test"], {
    cwd: clone,
    stdio: "inherit",
    env: {
      ...process.env,
      PATH: `${join(nodeDir, "bin")}:${process.env.PATH}`,
      // node-gyp builds against this Node.js's headers rather than fetching them.
      npm_config_nodedir: nodeDir,
    },
  });
  const passed = run.status === 0;
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push(`Node.js ${version}: ${passed ? "passed" : `FAILED (the clone is kept: ${clone})`} in ${seconds} s`);
  if (passed) rmSync(clone, { recursive: true, force: true });
}
console.log(`\n${results.join("\n")}`);
process.exit(results.every((line) => line.includes(": passed")) ? 0 : 1);

/** The newest published version of a release line, such as 22 → 22.23.5. */
function latestVersion(major) {
  let listed;
  try {
    listed = JSON.parse(npm(["view", `${binaryPackage}@${major}`, "version", "--json"]) || "null");
  } catch (error) {
    console.error(`Cannot ask the npm registry for ${binaryPackage}@${major}: ${error.message.split("\n")[0]}`);
    process.exit(1);
  }
  const version = Array.isArray(listed) ? listed.at(-1) : listed;
  if (typeof version !== "string") {
    console.error(`The npm registry has no ${binaryPackage}@${major}: name a release line such as 22 or 24.`);
    process.exit(2);
  }
  return version;
}

/** The folder holding `bin/node` and `include/node` of a version, downloaded once from the npm registry. */
function nodeRelease(version) {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache");
  const folder = join(cache, "trama", "node", version);
  if (existsSync(join(folder, "bin", "node"))) return folder;
  console.log(`Downloading Node.js ${version} (${binaryPackage}) from the npm registry…`);
  mkdirSync(dirname(folder), { recursive: true });
  const work = mkdtempSync(join(dirname(folder), `.${version}-`));
  try {
    const tarball = npm(["pack", `${binaryPackage}@${version}`, "--pack-destination", work, "--silent"]);
    execFileSync("tar", ["xzf", join(work, tarball.split("\n").at(-1)), "-C", work]);
    renameSync(join(work, "package"), folder);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return folder;
}
