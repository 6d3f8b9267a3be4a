"""Generate a synthetic bank of realistic items for the benchmarks.

    python benchmarks/generate.py --items 10000 --files 100 -o /tmp/bank-10k

Items look like certification scenario questions: a 60 to 120 word scenario,
a question sentence, 4 or 5 options with rationales (one in ten is "Select
TWO." with five options, one in twenty an open question), domains, tags,
difficulty and a study-guide section. The same seed gives the same bank.
``--duplicates`` planted copies are listed in ``planted-duplicates.tsv``
beside bank.yaml, half of each kind: ``copied`` (options reordered, the stem
changed only in spacing, case and frame words, as a pasted copy is) and
``reworded`` (options reordered, the stem reworded with synonyms).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import List, Tuple

from ruamel.yaml import YAML

SERVICES = ["Amazon S3", "AWS Glue", "Amazon Kinesis Data Streams", "Amazon Data Firehose", "Amazon Redshift",
            "Amazon Athena", "Amazon EMR", "AWS Lambda", "Amazon DynamoDB", "AWS Lake Formation",
            "Amazon RDS for PostgreSQL", "Amazon Aurora", "AWS Step Functions", "Amazon MWAA",
            "AWS Database Migration Service", "Amazon AppFlow", "Amazon OpenSearch Service", "AWS KMS",
            "Amazon Macie", "AWS CloudTrail", "Amazon EventBridge", "Amazon SQS", "Amazon SNS",
            "Amazon QuickSight", "AWS DataSync", "Amazon MSK", "AWS Glue DataBrew", "Amazon Managed Grafana"]
SUBJECTS = ["a retail company", "a media startup", "a hospital network", "an insurance firm", "a logistics provider",
            "a bank", "a university", "a game studio", "an energy utility", "a travel agency"]
SOURCES = ["point-of-sale terminals", "mobile app clickstreams", "IoT sensors", "a CRM system",
           "an on-premises Oracle database", "partner SFTP uploads", "web server logs", "payment gateways"]
NEEDS = ["near-real-time dashboards", "nightly batch reports", "ad hoc SQL analysis", "machine learning features",
         "regulatory audits", "cost allocation", "fraud detection", "customer segmentation"]
CONSTRAINTS = ["keep operational overhead low", "encrypt every object at rest", "retain raw data for seven years",
               "avoid managing servers", "process late-arriving records", "limit access by column",
               "replay the last 24 hours of events", "minimise data transfer costs"]
QUESTIONS = ["Which solution meets these requirements with the LEAST operational overhead?",
             "Which solution meets these requirements MOST cost-effectively?",
             "Which approach should the data engineer take?",
             "What should the data engineer do to meet these requirements?",
             "Which combination of services will meet these requirements?"]
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


def scenario(rng: random.Random) -> str:
    sentences = [
        f"{rng.choice(SUBJECTS).capitalize()} collects data from {rng.choice(SOURCES)} and "
        f"{rng.choice(SOURCES)} into {rng.choice(SERVICES)}.",
        f"Analysts need {rng.choice(NEEDS)} and {rng.choice(NEEDS)} over the combined data set.",
        f"The data engineer must {rng.choice(CONSTRAINTS)} and {rng.choice(CONSTRAINTS)}.",
        f"Today a team of {rng.randint(2, 9)} engineers runs scripts on {rng.randint(3, 40)} instances, "
        f"and the volume grows by {rng.randint(5, 60)} percent each quarter.",
        f"The company already uses {rng.choice(SERVICES)} for {rng.choice(NEEDS)} and wants to reuse it "
        f"where possible.",
        f"Records arrive every {rng.randint(1, 59)} seconds and must be queryable within "
        f"{rng.randint(2, 30)} minutes.",
    ]
    rng.shuffle(sentences)
    return " ".join(sentences[:rng.randint(3, 6)])


def option_text(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(SERVICES)} {rng.choice(DETAILS)} and {rng.choice(SERVICES)}."


def make_item(rng: random.Random, n: int) -> dict:
    domain = rng.choices(list(DOMAINS), weights=[w for _, w in DOMAINS.values()])[0]
    roll = rng.random()
    item: dict = {"id": f"gen-{n:06d}", "type": "single", "domain": domain,
                  "difficulty": rng.choice(["easy", "medium", "hard"]),
                  "tags": sorted(rng.sample(["dms", "glue", "kinesis", "s3", "redshift", "iam", "kms", "athena"], 2)),
                  "source": f"{rng.randint(1, 4)}.{rng.randint(1, 6)}.{rng.randint(1, 9)}"}
    if roll < 0.05:
        item["type"] = "open"
        item["stem"] = scenario(rng) + " How would you design the pipeline, and why?"
        item["answer"] = " ".join(option_text(rng) for _ in range(3))
        return item
    keys = 1
    count = rng.choice([4, 4, 5])
    question = rng.choice(QUESTIONS)
    if roll < 0.15:
        item["type"], keys, count = "multiple", 2, 5
        question = f"Which steps will meet these requirements? (Select {NUMBER_WORDS[keys]}.)"
    item["stem"] = f"{scenario(rng)} {question}"
    texts = []
    while len(texts) < count:
        text = option_text(rng)
        if text not in texts:
            texts.append(text)
    correct = set(rng.sample(range(count), keys))
    item["options"] = [dict({"text": t, "why": rng.choice(REASONS)}, **({"correct": True} if i in correct else {}))
                       for i, t in enumerate(texts)]
    item["explanation"] = rng.choice(REASONS)
    return item


def planted_copy(rng: random.Random, original: dict, n: int, kind: str) -> dict:
    """A near duplicate of ``original`` with its options reordered."""
    copy = {k: v for k, v in original.items()}
    copy["id"] = f"dup-{n:06d}"
    stem = original["stem"]
    if kind == "copied":
        stem = stem.replace(". ", ".  ", 1).replace("Which solution", "Which of the following solutions", 1)
        stem = stem.replace("data engineer", "Data Engineer", 1)
    else:
        stem = stem.replace("The data engineer must", "The engineer needs to", 1) \
            .replace("collects data", "gathers data", 1).replace("Analysts need", "Analysts require", 1)
    copy["stem"] = stem
    if "options" in original:
        options = [dict(o) for o in original["options"]]
        rng.shuffle(options)
        copy["options"] = options
    return copy


def generate(items: int, files: int, duplicates: int,
             seed: int) -> Tuple[List[List[dict]], List[Tuple[str, str, str]]]:
    rng = random.Random(seed)
    originals = [make_item(rng, n) for n in range(items - duplicates)]
    pairs = []
    copies = []
    for n, index in enumerate(sorted(rng.sample(range(len(originals)), duplicates))):
        kind = "copied" if n % 2 == 0 else "reworded"
        copy = planted_copy(rng, originals[index], n, kind)
        copies.append(copy)
        pairs.append((originals[index]["id"], copy["id"], kind))
    everything = originals + copies
    rng.shuffle(everything)
    per_file = -(-len(everything) // files)
    return [everything[i:i + per_file] for i in range(0, len(everything), per_file)], pairs


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
        "original\tcopy\tkind\n" + "".join(f"{a}\t{b}\t{k}\n" for a, b, k in pairs), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--duplicates", type=int, default=None, help="planted copies (default 1%% of items)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    duplicates = args.items // 100 if args.duplicates is None else args.duplicates
    chunks, pairs = generate(args.items, args.files, duplicates, args.seed)
    write(args.output, chunks, pairs)
    print(f"wrote {sum(map(len, chunks))} items in {len(chunks)} files, {len(pairs)} planted duplicates, "
          f"to {args.output}")


if __name__ == "__main__":
    main()
