"""Align document pairs on Spark with `bitext stream`, one process per partition.

    spark-submit examples/spark/bitext_spark.py PAIRS.jsonl OUT [--tmx]
    spark-submit examples/spark/bitext_spark.py CORPUS_FOLDER OUT [--tmx]

The input is a JSON Lines file of pairs (the format of `bitext stream`: an
`id` and two texts, two paths or two sentence lists) or a folder of
bilingual reports (each file becomes the pair `{"id": <stem>, "path":
<file>}`). Each partition is piped through one `bitext stream` process, so
the lexicon and jieba load once per partition and the pairs of a partition
are aligned on all the executor's cores. OUT/beads/ receives the bead
records as JSON Lines (part files in input order: concatenated, they equal
one `bitext stream` run over the whole input), with one error record per
pair that failed; with --tmx, OUT/tmx/<id>.tmx holds each pair's TMX
(written by `bitext export` on the executors, so OUT must be on a file
system they share).

The `bitext` binary must be on every executor (--bitext PATH, or PATH).
Paths in the pairs are read by the executors.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading

from pyspark.sql import SparkSession


def stream_partition(bitext):
    """A mapPartitions function: the partition's lines through `bitext stream`."""

    def run(lines):
        proc = subprocess.Popen(
            [bitext, "stream"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
        )
        errors = []

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.rstrip("\n") + "\n")
            finally:
                proc.stdin.close()

        def drain():
            errors.append(proc.stderr.read())

        feeder = threading.Thread(target=feed)
        reader = threading.Thread(target=drain)
        feeder.start()
        reader.start()
        for out in proc.stdout:
            yield out.rstrip("\n")
        feeder.join()
        reader.join()
        code = proc.wait()
        # 0: all pairs aligned; 1: some failed (their error records are in
        # the output); anything else: the process itself failed.
        if code not in (0, 1):
            raise RuntimeError(f"bitext stream exited with {code}: {''.join(errors)}")

    return run


def safe_name(pair_id):
    """A file name for a pair id: no path separators, no leading dot."""
    name = re.sub(r"[^A-Za-z0-9._-]", "_", pair_id).lstrip(".")
    return name or "_"


def write_tmx(bitext, folder):
    """A foreach function: one pair's records → folder/<id>.tmx via `bitext export`."""

    def write(item):
        pair_id, records = item
        path = os.path.join(folder, safe_name(pair_id) + ".tmx")
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as tmp:
            tmp.writelines(r + "\n" for r in records)
            tmp.flush()
            subprocess.run(
                [bitext, "export", "--format", "tmx", "--out", path + ".part", tmp.name],
                check=True,
            )
        os.replace(path + ".part", path)

    return write


def pairs_of_folder(folder):
    """JSONL pair lines for every regular, non-hidden file of a corpus folder."""
    lines = []
    for name in sorted(os.listdir(folder)):
        path = os.path.abspath(os.path.join(folder, name))
        if name.startswith(".") or not os.path.isfile(path):
            continue
        lines.append(json.dumps({"id": os.path.splitext(name)[0], "path": path}))
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="JSONL of pairs, or a folder of bilingual reports")
    ap.add_argument("output", help="output folder (beads/, and tmx/ with --tmx)")
    ap.add_argument("--bitext", default="bitext", help="the bitext binary (default: on PATH)")
    ap.add_argument("--partitions", type=int, default=0, help="partitions (default: Spark's)")
    ap.add_argument("--tmx", action="store_true", help="also write one TMX file per pair")
    ap.add_argument("--master", help="Spark master when not given by spark-submit, e.g. local[2]")
    args = ap.parse_args(argv)

    builder = SparkSession.builder.appName("bitext")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    try:
        if os.path.isdir(args.input):
            lines = pairs_of_folder(args.input)
            pairs = sc.parallelize(lines, args.partitions or sc.defaultParallelism)
        else:
            pairs = sc.textFile(args.input, args.partitions or None)
        beads = pairs.filter(lambda l: l.strip()).mapPartitions(stream_partition(args.bitext))
        beads.cache()
        beads.saveAsTextFile(os.path.join(args.output, "beads"))
        failed = beads.filter(lambda l: '"error"' in l and "error" in json.loads(l)).count()
        if args.tmx:
            folder = os.path.join(args.output, "tmx")
            os.makedirs(folder, exist_ok=True)
            (
                beads.map(lambda l: (json.loads(l), l))
                .filter(lambda rl: "error" not in rl[0])
                .map(lambda rl: (rl[0]["pair"], rl[1]))
                .groupByKey()
                .foreach(write_tmx(args.bitext, folder))
            )
        print(f"bitext_spark: {failed} pairs failed", file=sys.stderr)
        return 1 if failed else 0
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
