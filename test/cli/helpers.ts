// Spawning the built CLI the way a user runs it. Build first (`npm run build`).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const CLI = process.env.SIM_CLI ?? fileURLToPath(new URL("../../dist/cli/sim.mjs", import.meta.url));

export interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function sim(args: readonly string[], cwd: string): Result {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh working directory, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sim-cli-"));
  made.push(dir);
  return dir;
}

/** A stack trace line, which a user error must never show. */
export const STACK_LINE = /^\s+at /m;

/** A tiny scenario: 3 clients, one minute, one crash, two strategies. */
export function tinyScenario(name = "tiny", extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    duration: "60s",
    clients: { count: 3, crash: { fraction: 0.5, between: ["10s", "20s"] } },
    network: { link: { delay: { dist: "constant", value: "10ms" }, loss: { model: "none" } } },
    strategies: [
      { name: "server-10s", initiator: "server", interval: "10s", timeout: "25s" },
      { name: "client-10s", initiator: "client", interval: "10s", timeout: "25s" },
    ],
    ...extra,
  };
}

export function writeJson(dir: string, file: string, value: unknown): string {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}
