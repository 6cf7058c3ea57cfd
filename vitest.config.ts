import { defineConfig } from "vitest/config";

// Only the project's own tests: never a copy of the tree (a benchmark's
// baseline build or a git worktree) that happens to sit inside it.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/support/fast-check-seed.ts"],
  },
});
