#!/bin/bash
# A Slurm job array that runs one shard of a sweep per task. Submit from the
# project folder (after `npm ci`), then merge:
#
#   sbatch examples/slurm-sweep.sh scenarios/sweeps/mobile-timeouts.json
#   npx sim merge results/mobile-timeouts-sweep
#
# Every task writes its own shard folder under the shared output folder, so
# the tasks never write the same file. Shards are deterministic: a task that
# failed can simply be run again.
#SBATCH --job-name=hb-sweep
#SBATCH --array=1-8
#SBATCH --cpus-per-task=2
#SBATCH --time=01:00:00
set -euo pipefail
SHARDS=8 # keep equal to the --array range
npx sim sweep "$1" --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --workers "${SLURM_CPUS_PER_TASK}" --quiet
