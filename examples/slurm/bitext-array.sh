#!/usr/bin/env bash
# Slurm array job: align a JSONL file of document pairs with `bitext
# stream`, one shard per array task. Shard k of N is the k-th of N
# contiguous, line-aligned chunks of the pairs file (GNU `split -n l/k/N`),
# so concatenating the shard outputs in task order gives exactly the output
# of one `bitext stream` run over the whole file.
#
#   sbatch --array=0-15 examples/slurm/bitext-array.sh pairs.jsonl out/
#   # when all tasks are done:
#   cat out/beads-*.jsonl > beads.jsonl
#   grep -l '"error"' out/beads-*.jsonl   # shards with failed pairs
#
# Each task writes out/beads-<k>.jsonl (bead records, and one error record
# per pair that failed) and exits 0, or 1 when a pair of its shard failed.
# The binary is $BITEXT (default: `bitext` on PATH); the task uses the
# CPUs Slurm gives it. The same script runs outside Slurm: set
# SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT yourself (.ci/scale does).
#
#SBATCH --job-name=bitext
#SBATCH --cpus-per-task=4
#SBATCH --mem-per-cpu=1G
#SBATCH --time=01:00:00
#SBATCH --output=bitext-%A_%a.log
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 PAIRS.jsonl OUTDIR (as a Slurm array job)" >&2
    exit 2
fi
pairs=$1
out=$2
task=${SLURM_ARRAY_TASK_ID:?not an array task: set SLURM_ARRAY_TASK_ID}
count=${SLURM_ARRAY_TASK_COUNT:?not an array task: set SLURM_ARRAY_TASK_COUNT}
first=${SLURM_ARRAY_TASK_MIN:-0}
shard=$((task - first))
if [ -n "${SLURM_CPUS_PER_TASK:-}" ]; then
    export RAYON_NUM_THREADS=$SLURM_CPUS_PER_TASK
fi

mkdir -p "$out"
name=$(printf 'beads-%05d.jsonl' "$shard")
status=0
split -n "l/$((shard + 1))/$count" "$pairs" | "${BITEXT:-bitext}" stream > "$out/$name.part" \
    || status=$?
# Written under a temporary name, so a shard that died (exit 2 or a
# signal) leaves no output that looks complete; 1 means some pairs failed
# and their error records are in the output.
if [ "$status" -le 1 ]; then
    mv "$out/$name.part" "$out/$name"
fi
exit "$status"
