// npm links the bins of dependencies into node_modules/.bin, but never the
// package's own. Linking ours there too lets a fresh clone run `npx sim ...`
// (and CI and tests spawn the same file) right after `npm ci`.
import { chmodSync, existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "dist", "cli", "sim.mjs");
const binDir = join(root, "node_modules", ".bin");
const link = join(binDir, "sim");
if (!existsSync(target)) throw new Error(`build output missing: ${target}`);
chmodSync(target, 0o755);
mkdirSync(binDir, { recursive: true });
try {
  if (lstatSync(link)) unlinkSync(link);
} catch {
  /* no previous link */
}
symlinkSync(relative(binDir, target), link);
