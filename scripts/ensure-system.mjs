#!/usr/bin/env node
/**
 * Installs the system programs the tests drive, when they are missing: Debian's Chromium (the web apps' browser
 * tests, through Playwright) and PostgreSQL 15 (the Postgres store's tests start their own server on loopback and stop
 * it afterwards). Only Debian's apt is used. Does nothing, in milliseconds, when both are there.
 *
 * Without apt or root rights it says what to install and goes on: the tests that need the programs then fail, each
 * naming the command to run.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

const missing = [];
if (!existsSync("/usr/bin/chromium")) missing.push("chromium");
if (!postgresInstalled()) missing.push("postgresql");
if (missing.length > 0) install(missing);

function postgresInstalled() {
  const folder = "/usr/lib/postgresql";
  if (!existsSync(folder)) return false;
  return readdirSync(folder).some((version) => existsSync(`${folder}/${version}/bin/initdb`));
}

function install(packages) {
  const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")}`;
  if (process.platform !== "linux" || !existsSync("/usr/bin/apt-get")) {
    console.warn(`The browser and PostgreSQL tests need ${packages.join(" and ")}, and this is not a Debian system.`);
    return;
  }
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !canSudo()) {
    console.warn(`The browser and PostgreSQL tests need ${packages.join(" and ")}: run  sudo sh -c '${command}'`);
    return;
  }
  console.log(`Installing ${packages.join(" and ")} from Debian (apt-get)…`);
  const options = {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  };
  const run = (args) =>
    asRoot ? execFileSync(args[0], args.slice(1), options) : execFileSync("sudo", ["-n", ...args], options);
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...packages]);
}

function canSudo() {
  try {
    execFileSync("sudo", ["-n", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
