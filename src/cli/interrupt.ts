// Ctrl-C (SIGINT) or a polite kill (SIGTERM) while a command runs: undo what
// the command did to the terminal (the progress bar hides the cursor), say
// what was left, and exit with the shell's code for the signal. Results are
// only ever swapped in whole and synchronously (src/output/atomic.ts), and a
// signal is handled between two turns of the event loop, so it never lands
// in the middle of a write: a results folder is the previous one or the new
// one, never a mix.

const cleanups = new Set<() => void>();

/** runs `cleanup` if the command is interrupted; the returned function forgets it again */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

const EXIT_CODE = { SIGINT: 130, SIGTERM: 143 } as const;

export function exitOnInterrupt(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      for (const cleanup of [...cleanups].reverse()) {
        try {
          cleanup();
        } catch {
          // the terminal is being handed back: one failed cleanup must not stop the others
        }
      }
      process.stderr.write(`\nsim: interrupted (${signal}); results already written are complete, nothing else was written\n`);
      process.exit(EXIT_CODE[signal]);
    });
  }
}
