// Preloaded by scripts/bench.mjs (`node --import`) where GNU time is missing:
// on exit, writes this process's peak RSS in KiB to $BENCH_RSS_FILE, so the
// benchmark measures the whole `sim run` process without changing the CLI.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
