"""Merges ECDICT (English -> Chinese) into the CC-CEDICT gloss lexicon.

usage: merge-ecdict.py CEDICT.tsv ECDICT.csv JIEBA-DICT.txt INFLECTIONS.tsv > MERGED.tsv

Reads the CC-CEDICT lines (`simplified<TAB>pinyin<TAB>gloss words`) and
ECDICT's CSV, inverts each common English headword's Chinese translation
into the Chinese words it gives, and writes every line again with a fourth
column: the English headwords that translate to that word, most telling
first (a word early in a frequent headword's translation before a word late
in a rare one's), at most MAX_ADDED. Chinese words new to CC-CEDICT are
kept when jieba's dictionary knows them (so the segmenter can produce them
as tokens); their pinyin comes from their longest CC-CEDICT parts.

It also writes INFLECTIONS.tsv: `form<TAB>lemma` for the common headwords'
irregular inflections (ECDICT's `exchange` column: past, past participle,
plural, comparative, superlative) whose Snowball stem differs from the
lemma's (sat/sit, feet/foot, women/woman, better/good, simpler/simple),
for the checks to look an English word up under its lemma too.

Development only (data/build-lexicon.sh); nothing runs at build or run time.
"""
import csv
import os
import re
import sys

import snowballstemmer  # pip install snowballstemmer (Snowball English, as rust-stemmers)

# The three cuts were chosen on MAC-Dev's leave-one-file-out CV of the
# aligner (examples/tune.rs `cv`) and the damaged-bead benchmark; the
# environment variables override them for such measurements (see
# data/README.md). A headword is common when its BNC or its
# contemporary-corpus frequency rank (ECDICT's `bnc` / `frq` columns,
# 1 = most frequent) is at most MAX_RANK, or when it carries an exam-list tag
# (zk/gk/cet4/cet6/ky/toefl/ielts/gre).
MAX_RANK = int(os.environ.get("ECDICT_MAX_RANK", "30000"))
# A Chinese word gains at most this many English headwords.
MAX_ADDED = int(os.environ.get("ECDICT_MAX_ADDED", "6"))
# Only the first this many items of a headword's translation count: the
# first senses are the common ones (8 items added chance matches: CV 0.895
# against 0.901 with 3).
MAX_ITEMS = int(os.environ.get("ECDICT_MAX_ITEMS", "3"))
# Tagged headwords without a rank count as this rank.
TAGGED_RANK = 20000

HAN = re.compile(r"^[\u4e00-\u9fff]+$")
POS = re.compile(r"^\s*(?:(?:n|v|vt|vi|a|adj|adv|prep|conj|pron|num|int|interj|art|aux|vbl|pl|pref|suf)\.\s*)+")
BRACKETS = [re.compile(p) for p in (r"【[^】]*】", r"（[^）]*）", r"\([^)]*\)", r"\[[^\]]*\]", r"<[^>]*>", r"〈[^〉]*〉")]
# Lines that are not senses: inflection notes, names, abbreviations.
NOT_SENSE = re.compile(r"的(过去式|过去分词|现在分词|复数|第三人称|比较级|最高级)|人名|地名|男子名|女子名|姓氏|缩写")
SPLIT = re.compile(r"[，,；;、/]+")


def senses(translation):
    """Chinese words of a translation field, in order."""
    out = []
    for line in translation.replace("\\n", "\n").split("\n"):
        line = line.strip()
        if not line or line.startswith("["):  # [网络], [医], [计] ... domains
            continue
        if NOT_SENSE.search(line) or line.startswith("abbr."):
            continue
        adverb = line.startswith("adv.")
        line = POS.sub("", line)
        for b in BRACKETS:
            line = b.sub("", line)
        for item in SPLIT.split(line):
            item = item.strip()
            if "…" in item or "..." in item or " " in item:
                continue
            out.append((item, adverb))
    return out


def forms(item, adverb, known):
    """The word(s) an item gives: `的` / adverbial `地` endings and a
    causative `使` dropped when what is left is a word."""
    if not HAN.match(item):
        return []
    cands = [item]
    if len(item) > 2 and item.endswith("的"):
        cands = [item[:-1]]
    elif adverb and len(item) > 2 and item.endswith("地"):
        cands = [item[:-1]]
    if len(cands[0]) > 2 and cands[0].startswith("使") and cands[0][1:] in known:
        cands = [cands[0][1:]]
    return [c for c in cands if c in known]


def rank(row):
    ranks = [int(row[k]) for k in ("bnc", "frq") if (row[k] or "0").isdigit() and int(row[k]) > 0]
    r = min(ranks) if ranks else None
    if row["tag"].strip():
        r = min(r, TAGGED_RANK) if r else TAGGED_RANK
    return r


def main():
    cedict_path, ecdict_path, jieba_path, inflections_path = sys.argv[1:5]
    stem = snowballstemmer.stemmer("english").stemWord
    inflections = {}  # form -> (rank, lemma)
    lines = []
    cedict = {}
    for raw in open(cedict_path, encoding="utf-8"):
        head, pinyin, glosses = raw.rstrip("\n").split("\t")
        cedict[head] = (pinyin, glosses.split())
        lines.append(head)
    jieba = set()
    for raw in open(jieba_path, encoding="utf-8"):
        w = raw.split(" ", 1)[0]
        if HAN.match(w):
            jieba.add(w)
    known = set(cedict) | jieba

    csv.field_size_limit(1 << 30)
    gained = {}  # chinese word -> [(position, rank, english)]
    for row in csv.DictReader(open(ecdict_path, encoding="utf-8", newline="")):
        en = row["word"]
        if not re.fullmatch(r"[a-z][a-z'-]*[a-z]", en):
            continue
        lemma = [x[2:] for x in row["exchange"].split("/") if x.startswith("0:")]
        if lemma and lemma[0] != en:  # an inflected form: its lemma covers it
            continue
        r = rank(row)
        if r is None or r > MAX_RANK:
            continue
        for x in row["exchange"].split("/"):
            form = x[2:]
            if x[1:2] != ":" or x[:1] not in "pdsrt" or not re.fullmatch(r"[a-z]+", form):
                continue
            if stem(form) != stem(en) and (form not in inflections or inflections[form][0] > r):
                inflections[form] = (r, en)
        seen = set()
        for pos, (item, adverb) in enumerate(senses(row["translation"])[:MAX_ITEMS]):
            for w in forms(item, adverb, known):
                if w not in seen:
                    seen.add(w)
                    gained.setdefault(w, []).append((r * (pos + 1), en))

    def pinyin_of(word):
        out, k = [], 0
        while k < len(word):
            for n in range(min(len(word) - k, 8), 0, -1):
                if word[k : k + n] in cedict:
                    out.append(cedict[word[k : k + n]][0])
                    k += n
                    break
            else:
                k += 1
        return " ".join(p for p in out if p)

    def added(word, own):
        cands = sorted(gained.get(word, []))
        out = []
        for _, en in cands:
            if en not in own and en not in out:
                out.append(en)
            if len(out) == MAX_ADDED:
                break
        return out

    new = 0
    for head in lines:
        pinyin, glosses = cedict[head]
        extra = added(head, set(glosses))
        print(f"{head}\t{pinyin}\t{' '.join(glosses)}\t{' '.join(extra)}")
    for head in sorted(set(gained) - set(cedict)):
        extra = added(head, set())
        if extra:
            new += 1
            print(f"{head}\t{pinyin_of(head)}\t\t{' '.join(extra)}")
    with open(inflections_path, "w", encoding="utf-8") as out:
        for form in sorted(inflections):
            out.write(f"{form}\t{inflections[form][1]}\n")
    print(f"merge-ecdict: {len(inflections)} inflections", file=sys.stderr)
    print(f"merge-ecdict: {len(gained)} Chinese words gained English headwords, {new} of them new", file=sys.stderr)


if __name__ == "__main__":
    main()
