/**
 * `node --conditions=@trama/source --import ./register-ts.mjs script.ts`: runs a TypeScript file of this repository
 * in a plain Node process (Node 20 cannot strip types itself), so tests can kill a real child process that uses the
 * store's source. Test-only.
 */
import { register } from "node:module";

register("./ts-hooks.mjs", import.meta.url);
