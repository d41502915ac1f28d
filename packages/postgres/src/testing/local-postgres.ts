/**
 * A throwaway PostgreSQL server from the machine's own binaries (Debian's `postgresql` package): a temporary data
 * folder, 127.0.0.1 on a free port, trust authentication, stopped and deleted by `stop()`.
 * @module
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TramaError } from "@trama/core";
import type { TestPostgres } from "./pglite-server.js";

/** Where Debian's PostgreSQL 15 keeps `initdb` and `pg_ctl`. */
export const debianPostgresBin = "/usr/lib/postgresql/15/bin";

/**
 * Starts PostgreSQL from `binDirectory` (default Debian's 15). As root, it runs as the `postgres` user, which owns the
 * data folder (PostgreSQL refuses to run as root). Throws, saying what to install, when the binaries are missing.
 */
export async function startLocalPostgres(options: { binDirectory?: string } = {}): Promise<TestPostgres> {
  const bin = options.binDirectory ?? debianPostgresBin;
  if (!existsSync(join(bin, "initdb"))) {
    throw new TramaError(
      `PostgreSQL is not installed: ${join(bin, "initdb")} is missing. Run apt-get install -y postgresql (Debian's PostgreSQL 15).`,
    );
  }
  const folder = mkdtempSync(join(tmpdir(), "trama-postgres-"));
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", join(bin, command), ...args], { stdio: "pipe" })
      : execFileSync(join(bin, command), args, { stdio: "pipe" });
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(folder, uid, gid);
  }
  const data = join(folder, "data");
  const port = await freePort();
  const stop = async () => {
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Not running (it failed to start, or was stopped already): only the folder is left to remove.
    }
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    run("initdb", ["-D", data, "-A", "trust", "-U", "trama", "-E", "UTF8", "--locale=C", "--no-sync"]);
    run("pg_ctl", [
      "-D",
      data,
      "-l",
      join(folder, "server.log"),
      "-o",
      `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "-w",
      "start",
    ]);
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    await stop();
    throw new TramaError(`PostgreSQL from ${bin} did not start: ${output.trim()}`, { cause: error });
  }
  return { connectionString: `postgres://trama@127.0.0.1:${port}/postgres`, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
