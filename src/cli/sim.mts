#!/usr/bin/env node
// The `sim` executable (package.json "bin"): starts the CLI bundle from its
// code cache (code-cache.ts). The CLI itself is main.ts.
import { runBundle } from "./code-cache.js";

runBundle();
