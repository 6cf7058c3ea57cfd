// The simulator's version, as package.json states it: part of every sweep's
// identity, so that results of another version are never mixed in.
import { readFileSync } from "node:fs";

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
