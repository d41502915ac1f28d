/**
 * Where a Postgres store's connection string comes from, and how it is saved without its secret.
 * @module
 */
import { DocumentStoreError } from "@trama/retrieval";
import type { TableName } from "./postgres-schema.js";

/** The connection string in environment variable `variable`, or an error naming the variable and the store. */
export function readVariable(variable: string, name: TableName): string {
  const value = process.env[variable];
  if (!value) {
    throw new DocumentStoreError(
      `Postgres store ${name.label}: the environment variable ${variable} is not set. Set it to the connection string (postgres://user:password@host:5432/database), or pass connectionString.`,
    );
  }
  return value;
}

/** The connection string without its password, as pipeline files may hold it. */
export function withoutPassword(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    url.password = "";
    return url.toString();
  } catch {
    // Not a URL (a libpq key=value string): drop any password=… pair.
    return connectionString.replace(/password\s*=\s*('[^']*'|\S+)/gi, "").trim();
  }
}
