"""Generate a synthetic bank of realistic items for the benchmarks.

    python benchmarks/generate.py --items 10000 --files 100 -o /tmp/bank-10k [--vocabulary small]

Items look like certification scenario questions: a scenario of 3 to 6
sentences, a question sentence, 4 or 5 options with rationales (one in ten
is "Select TWO." with five options, one in twenty an open question),
domains, tags, difficulty and a study-guide section. The same seed gives the
same bank.

The words come from one of two vocabularies:

- ``realistic``: the terms of a data-engineering certification (services,
  sources, needs) mixed with names drawn from a Zipf-distributed list of
  20,000 made-up product and team names, so that most items have some rare
  words, as real banks do;
- ``small``: fewer than 200 content words in all, each used by thousands of
  items at 10,000 items: a bank written in one narrow domain vocabulary.

``--duplicates`` planted pairs are listed in ``planted-duplicates.tsv`` beside
bank.yaml (columns original, copy, kind, expected), in equal numbers of each
kind. Each copy starts from its original with its options in the same order
and makes one edit:

- ``words-1``, ``words-3``, ``words-5``: that many content words of the stem
  replaced by other words of the vocabulary;
- ``sentence-reworded``: one sentence of the stem (the question sentence
  included) written another way, with the same terms;
- ``options-reordered``: the options shuffled;
- ``distractor-replaced``: one distractor replaced by a new option;
- ``key-reworded``: the key's wording changed slightly (a word added, dropped
  or swapped);
- ``variant``: one term of the stem swapped and the key moved to another
  option (a different question: expected ``variant``);
- ``generic``: a second item with the same generic stem as its original
  ("Which of the following statements is correct?") and different options
  (expected ``none``).

The first seven are expected ``duplicate``.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

from ruamel.yaml import YAML

SERVICES = ["Amazon S3", "AWS Glue", "Amazon Kinesis Data Streams", "Amazon Data Firehose", "Amazon Redshift",
            "Amazon Athena", "Amazon EMR", "AWS Lambda", "Amazon DynamoDB", "AWS Lake Formation",
            "Amazon RDS for PostgreSQL", "Amazon Aurora", "AWS Step Functions", "Amazon MWAA",
            "AWS Database Migration Service", "Amazon AppFlow", "Amazon OpenSearch Service", "AWS KMS",
            "Amazon Macie", "AWS CloudTrail", "Amazon EventBridge", "Amazon SQS", "Amazon SNS",
            "Amazon QuickSight", "AWS DataSync", "Amazon MSK", "AWS Glue DataBrew", "Amazon Managed Grafana"]
SUBJECTS = ["retail company", "media startup", "hospital network", "insurance firm", "logistics provider",
            "bank", "university", "game studio", "energy utility", "travel agency"]
SOURCES = ["point-of-sale terminals", "mobile app clickstreams", "IoT sensors", "a CRM system",
           "an on-premises Oracle database", "partner SFTP uploads", "web server logs", "payment gateways"]
NEEDS = ["near-real-time dashboards", "nightly batch reports", "ad hoc SQL analysis", "machine learning features",
         "regulatory audits", "cost allocation", "fraud detection", "customer segmentation"]
CONSTRAINTS = ["keep operational overhead low", "encrypt every object at rest", "retain raw data for seven years",
               "avoid managing servers", "process late-arriving records", "limit access by column",
               "replay the last 24 hours of events", "minimise data transfer costs"]
VERBS = ["Configure", "Use", "Create", "Deploy", "Schedule", "Enable", "Store the data in", "Stream the records to"]
DETAILS = ["with a daily trigger", "with partition projection", "behind a VPC endpoint", "with server-side encryption",
           "using a crawler", "with job bookmarks", "through a resource policy", "with provisioned capacity",
           "in a separate account", "with an event rule"]
REASONS = ["It adds servers that the team must patch and scale.", "It does not keep the records for replay.",
           "It cannot enforce access at the column level.", "It processes data only in batches, too late here.",
           "It meets every requirement with managed, serverless components.",
           "It moves the data twice and raises the transfer cost.", "It leaves the objects unencrypted at rest."]
DOMAINS = {"ingestion": ("Data Ingestion and Transformation", 34), "store": ("Data Store Management", 26),
           "operations": ("Data Operations and Support", 22), "security": ("Data Security and Governance", 18)}
NUMBER_WORDS = {2: "TWO", 3: "THREE"}

# The small vocabulary: content words only from these lists (under 200 in all).
SMALL_NOUNS = ("table stream bucket cluster queue topic schema partition column record file job crawler "
               "catalog role policy key endpoint snapshot replica shard index view pipeline workflow trigger "
               "metric alarm dashboard report query warehouse lake database instance function layer "
               "account region network subnet gateway certificate secret token user group team engineer "
               "analyst auditor customer order invoice payment sensor device log event message batch").split()
SMALL_VERBS = ("load copy read write store encrypt decrypt replicate partition compress query scan filter "
               "join stream archive delete restore monitor audit tag rotate grant revoke schedule").split()
SMALL_ADJECTIVES = ("daily hourly nightly raw clean private public shared central regional large small "
                    "encrypted compressed partitioned managed serverless durable late").split()
# Generic stems, shared on purpose by unrelated items.
GENERIC_STEMS = ["Which of the following statements is correct?", "Which statement is true?",
                 "Which of the following is NOT true?", "Which of these is the best practice?"]


class Vocabulary:
    """The words of one vocabulary: nouns, verbs (base form), adjectives and
    the names that stand where a real bank names products and teams."""

    def __init__(self, kind: str, rng: random.Random):
        self.kind = kind
        if kind == "small":
            self.nouns, self.verbs, self.adjectives = SMALL_NOUNS, SMALL_VERBS, SMALL_ADJECTIVES
            self.names: List[str] = []
        else:
            self.nouns = SMALL_NOUNS + [s.split()[-1].lower() for s in SERVICES] + [
                n.split()[-1] for n in SOURCES + NEEDS]
            self.verbs, self.adjectives = SMALL_VERBS, SMALL_ADJECTIVES
            self.names = sorted({_made_up_word(rng) for _ in range(20_000)})
            rng.shuffle(self.names)
            # Zipf: the name of rank r is drawn with weight 1 / r.
            self._cumulative = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(self.names))))

    def noun(self, rng: random.Random) -> str:
        if self.names and rng.random() < 0.5:
            return self.name(rng)
        return rng.choice(self.nouns)

    def name(self, rng: random.Random) -> str:
        return rng.choices(self.names, cum_weights=self._cumulative)[0].capitalize()

    def content_words(self) -> Sequence[str]:
        return list(self.nouns) + list(self.verbs) + list(self.adjectives)


def _made_up_word(rng: random.Random) -> str:
    syllables = ["ka", "lo", "mi", "ren", "tor", "va", "qui", "sel", "dra", "pon", "zu", "fen", "bal", "cor",
                 "nid", "ost", "rum", "tal", "vex", "wyn"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


# Sentence templates, each with a second wording of the same content. Slots:
# {n1}..{n4} nouns, {v1} {v2} verbs, {a1} {a2} adjectives, {k1} {k2} numbers.
SENTENCES: List[Tuple[str, str]] = [
    ("The {a1} {n1} team must {v1} every {n2} from the {n3} into the {a2} {n4}.",
     "Every {n2} from the {n3} has to be {v1} into the {a2} {n4} by the {a1} {n1} team."),
    ("Analysts need to {v1} the {n1} and the {n2} within {k1} minutes of each {n3}.",
     "Within {k1} minutes of each {n3}, analysts must be able to {v1} the {n1} and the {n2}."),
    ("Today {k1} engineers {v1} the {a1} {n1} by hand on {k2} {n2} hosts.",
     "On {k2} {n2} hosts, {k1} engineers currently {v1} the {a1} {n1} manually."),
    ("The company must {v1} the {n1} and {v2} the {a1} {n2} for {k1} years.",
     "For {k1} years, the {a1} {n2} has to be kept and the {n1} must be {v1} as well, the company says."),
    ("A {a1} {n1} already stores the {n2} of the {n3} and the {n4}.",
     "The {n2} of the {n3} and the {n4} are already kept in a {a1} {n1}."),
    ("Each {n1} sends a {a1} {n2} to the {n3} every {k1} seconds.",
     "Every {k1} seconds, a {a1} {n2} goes from each {n1} to the {n3}."),
    ("The {n1} owner wants to {v1} the {a1} {n2} without a new {n3}.",
     "Without adding a {n3}, the owner of the {n1} wants the {a1} {n2} to be {v1}."),
]
QUESTIONS: List[Tuple[str, str]] = [
    ("Which solution meets these requirements with the LEAST operational overhead?",
     "Which approach satisfies these needs with the least operational effort?"),
    ("Which solution meets these requirements MOST cost-effectively?",
     "What is the most cost-effective way to meet these needs?"),
    ("Which approach should the {a1} {n1} team take?",
     "What should the {a1} {n1} team do?"),
    ("What should the engineer do to {v1} the {n1}?",
     "How should the engineer {v1} the {n1}?"),
]
OPTIONS = ["{V} the {a1} {n1} with a {n2} {n3}", "{V} a {n1} for each {a1} {n2} and {v2} the {n3}",
           "{V} the {n1} {n2} through a {a1} {n3}", "{V} every {n1} into one {a1} {n2} with {n3}"]
# Swapped terms of the variants: the question turns into another.
SWAPS = [("LEAST", "MOST"), ("MOST", "LEAST"), ("least", "most"), ("most", "least")]


def _fill(template: str, slots: Dict[str, str]) -> str:
    return template.format(**slots)


def _slots(vocab: Vocabulary, rng: random.Random) -> Dict[str, str]:
    slots = {f"n{i}": vocab.noun(rng) for i in range(1, 5)}
    slots.update({f"v{i}": rng.choice(vocab.verbs) for i in range(1, 3)})
    slots.update({f"a{i}": rng.choice(vocab.adjectives) for i in range(1, 3)})
    slots.update({"k1": str(rng.randint(2, 59)), "k2": str(rng.randint(3, 40))})
    return slots


def make_item(rng: random.Random, n: int, vocab: Vocabulary) -> dict:
    domain = rng.choices(list(DOMAINS), weights=[w for _, w in DOMAINS.values()])[0]
    roll = rng.random()
    item: dict = {"id": f"gen-{n:06d}", "type": "single", "domain": domain,
                  "difficulty": rng.choice(["easy", "medium", "hard"]),
                  "tags": sorted(rng.sample(["dms", "glue", "kinesis", "s3", "redshift", "iam", "kms", "athena"], 2)),
                  "source": f"{rng.randint(1, 4)}.{rng.randint(1, 6)}.{rng.randint(1, 9)}"}
    # The stem's sentences, as (template index, wording, slots) so a planted
    # copy can reword one or swap its words.
    parts = [(i, 0, _slots(vocab, rng)) for i in rng.sample(range(len(SENTENCES)), rng.randint(3, 5))]
    question = (rng.randrange(len(QUESTIONS)), 0, _slots(vocab, rng))
    item["x-parts"] = parts + [question]
    if roll < 0.05:
        item["type"] = "open"
        item["stem"] = _stem(item["x-parts"]) + " How would you design the pipeline, and why?"
        item["answer"] = " ".join(option_text(rng, vocab) for _ in range(3))
        return item
    keys, count = 1, rng.choice([4, 4, 5])
    if roll < 0.15:
        item["type"], keys, count = "multiple", 2, 5
    texts: List[str] = []
    while len(texts) < count:
        text = option_text(rng, vocab)
        if text not in texts:
            texts.append(text)
    correct = set(rng.sample(range(count), keys))
    item["options"] = [dict({"text": t, "why": rng.choice(REASONS)}, **({"correct": True} if i in correct else {}))
                       for i, t in enumerate(texts)]
    item["stem"] = _stem(item["x-parts"]) + (f" (Select {NUMBER_WORDS[keys]}.)" if keys > 1 else "")
    item["explanation"] = rng.choice(REASONS)
    return item


def _stem(parts) -> str:
    *scenario, (q, wording, slots) = parts
    sentences = [_fill(SENTENCES[i][w], s) for i, w, s in scenario]
    return " ".join(sentences + [_fill(QUESTIONS[q][wording], slots)])


def option_text(rng: random.Random, vocab: Vocabulary) -> str:
    slots = _slots(vocab, rng)
    slots["V"] = rng.choice(VERBS)
    return _fill(rng.choice(OPTIONS), slots)


KINDS = ["words-1", "words-3", "words-5", "sentence-reworded", "options-reordered", "distractor-replaced",
         "key-reworded", "variant", "generic"]
EXPECTED = {"variant": "variant", "generic": "none"}


def planted_copy(rng: random.Random, original: dict, n: int, kind: str, vocab: Vocabulary) -> dict:
    """A copy of ``original`` with one edit of ``kind``."""
    copy = dict(original, id=f"dup-{n:06d}")
    parts = [(i, w, dict(s)) for i, w, s in original["x-parts"]]
    options = [dict(o) for o in original.get("options", [])]
    if kind.startswith("words-"):
        _replace_words(rng, parts, int(kind.split("-")[1]), vocab)
    elif kind == "sentence-reworded":
        at = rng.randrange(len(parts))
        i, wording, slots = parts[at]
        parts[at] = (i, 1 - wording, slots)
    elif kind == "options-reordered":
        while options == original["options"]:
            rng.shuffle(options)
    elif kind == "distractor-replaced":
        at = rng.choice([i for i, o in enumerate(options) if not o.get("correct")])
        options[at] = dict(options[at], text=option_text(rng, vocab))
    elif kind == "key-reworded":
        at = rng.choice([i for i, o in enumerate(options) if o.get("correct")])
        options[at] = dict(options[at], text=_reword_slightly(rng, options[at]["text"]))
    elif kind == "variant":
        keys = [i for i, o in enumerate(options) if o.get("correct")]
        others = [i for i, o in enumerate(options) if not o.get("correct")]
        moved = rng.choice(others)
        options[keys[0]] = {k: v for k, v in options[keys[0]].items() if k != "correct"}
        options[moved] = dict(options[moved], correct=True)
    copy["x-parts"] = parts
    if options:
        copy["options"] = options
    stem = _swap_term(rng, _stem(parts), parts, vocab) if kind == "variant" else _stem(parts)
    copy["stem"] = stem + original["stem"][len(_stem(original["x-parts"])):]
    return copy


def _replace_words(rng: random.Random, parts, count: int, vocab: Vocabulary) -> None:
    """Replace ``count`` distinct noun, verb or adjective slots used by the
    stem's sentences with other words."""
    places = [(p, name) for p, part in enumerate(parts) for name in sorted(part[2])
              if name[0] in "nva" and "{" + name + "}" in _template(parts, p)]
    for p, name in rng.sample(places, min(count, len(places))):
        slots = parts[p][2]
        pool = {"n": vocab.nouns, "v": vocab.verbs, "a": vocab.adjectives}[name[0]]
        slots[name] = rng.choice([w for w in pool if w != slots[name]])


def _template(parts, p: int) -> str:
    i, wording, _ = parts[p]
    return (QUESTIONS if p == len(parts) - 1 else SENTENCES)[i][wording]


def _swap_term(rng: random.Random, stem: str, parts, vocab: Vocabulary) -> str:
    """The stem with LEAST / MOST swapped, or else one word replaced."""
    for old, new in SWAPS:
        if re.search(rf"\b{old}\b", stem):
            return re.sub(rf"\b{old}\b", new, stem, count=1)
    _replace_words(rng, parts, 1, vocab)
    return _stem(parts)


_WORD_SWAPS = [("with", "together with"), ("the", "each"), ("a", "one"), ("and", "then")]


def _reword_slightly(rng: random.Random, text: str) -> str:
    for old, new in rng.sample(_WORD_SWAPS, len(_WORD_SWAPS)):
        if re.search(rf"\b{old}\b", text):
            return re.sub(rf"\b{old}\b", new, text, count=1)
    return text + " only"


def make_generic(rng: random.Random, n: int, vocab: Vocabulary, stem: str) -> dict:
    item = make_item(rng, n, vocab)
    item.pop("answer", None)
    if "options" not in item:
        item["type"] = "single"
        item["options"] = [{"text": option_text(rng, vocab)}, {"text": option_text(rng, vocab), "correct": True},
                           {"text": option_text(rng, vocab)}]
    item["type"] = "single"
    for o in item["options"]:
        o.pop("correct", None)
    item["options"][0]["correct"] = True
    item["stem"] = stem
    return item


def generate(items: int, files: int, duplicates: int, seed: int,
             vocabulary: str = "realistic") -> Tuple[List[List[dict]], List[Tuple[str, str, str]]]:
    rng = random.Random(seed)
    vocab = Vocabulary(vocabulary, rng)
    originals = [make_item(rng, n, vocab) for n in range(items - duplicates)]
    pairs = []
    copies = []
    chosen = sorted(rng.sample(range(len(originals)), duplicates))
    for n, index in enumerate(chosen):
        kind = KINDS[n % len(KINDS)]
        original = originals[index]
        if kind == "generic":
            stem = rng.choice(GENERIC_STEMS)
            originals[index] = original = make_generic(rng, index, vocab, stem)
            copy = make_generic(rng, items + n, vocab, stem)
            copy["id"] = f"dup-{n:06d}"
        else:
            if kind in ("distractor-replaced", "key-reworded", "variant", "options-reordered") \
                    and "options" not in original:
                originals[index] = original = _with_options(rng, original, vocab)
            copy = planted_copy(rng, original, n, kind, vocab)
        copies.append(copy)
        pairs.append((original["id"], copy["id"], kind))
    everything = originals + copies
    for item in everything:
        item.pop("x-parts", None)
    rng.shuffle(everything)
    per_file = -(-len(everything) // files)
    return [everything[i:i + per_file] for i in range(0, len(everything), per_file)], pairs


def _with_options(rng: random.Random, item: dict, vocab: Vocabulary) -> dict:
    item = dict(item, type="single")
    item.pop("answer", None)
    texts = [option_text(rng, vocab) for _ in range(4)]
    item["options"] = [{"text": t, "why": rng.choice(REASONS)} for t in texts]
    item["options"][0]["correct"] = True
    item["stem"] = _stem(item["x-parts"])
    return item


def write(out: Path, chunks: List[List[dict]], pairs: List[Tuple[str, str, str]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    yaml = YAML(typ="safe", pure=False)
    yaml.default_flow_style = False
    yaml.width = 4096
    lines = ["title: Synthetic benchmark bank", "format: 1", "domains:"]
    lines += [f"  {key}: {{name: {name}, weight: {weight}}}" for key, (name, weight) in DOMAINS.items()]
    (out / "bank.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i, chunk in enumerate(chunks):
        path = out / "items" / f"part-{i // 10:02d}" / f"items-{i:04d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump({"items": chunk}, handle)
    (out / "planted-duplicates.tsv").write_text(
        "original\tcopy\tkind\texpected\n"
        + "".join(f"{a}\t{b}\t{k}\t{EXPECTED.get(k, 'duplicate')}\n" for a, b, k in pairs), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--duplicates", type=int, default=None, help="planted copies (default 1%% of items)")
    parser.add_argument("--vocabulary", choices=["realistic", "small"], default="realistic")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    duplicates = args.items // 100 if args.duplicates is None else args.duplicates
    chunks, pairs = generate(args.items, args.files, duplicates, args.seed, args.vocabulary)
    write(args.output, chunks, pairs)
    print(f"wrote {sum(map(len, chunks))} items in {len(chunks)} files, {len(pairs)} planted pairs, "
          f"to {args.output}")


if __name__ == "__main__":
    main()
