"""Assemble the forms of an exam: which items, in which order, with which
option order.

Pure and deterministic: the same bank, spec and seed give the same forms on
any machine. Every random choice comes from a ``random.Random`` seeded from a
SHA-256 of the spec's seed and a purpose string, never from ``hash()`` (which
varies with PYTHONHASHSEED) or the iteration order of sets; items come in
bank order, which is the sorted file order and the order inside each file.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import numbers
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from questionbank.bank import Bank
from questionbank.item import Item, Option, key_letters, letter
from questionbank.phrases import letter_reference, position_dependent
from questionbank.rules.option_letter_reference import refers_to_options
from questionbank.spec import Count, ExamSpec, Quota, bank_blueprint
from questionbank.suggest import did_you_mean

# Among single-answer items, the longest run of one key letter allowed.
MAX_RUN = 3
# More key placements than this for one item are sampled, not enumerated.
_MAX_CANDIDATES = 256


class AssemblyError(Exception):
    """The spec cannot be filled from the bank. ``problems`` holds
    (path inside the spec, message) pairs, e.g. (("exam", "blueprint", "x"), "...")."""

    def __init__(self, problems: Sequence[Tuple[Tuple, str]]):
        self.problems = list(problems)
        super().__init__("\n".join(message for _, message in self.problems))


@dataclass(frozen=True)
class Question:
    """One printed question: its number in the form and its options in printed order."""

    number: int
    item: Item
    options: Tuple[Option, ...]

    @property
    def answer(self) -> Tuple[str, ...]:
        """The printed letters of the correct options; empty for open items."""
        return key_letters(list(self.options))


@dataclass(frozen=True)
class Form:
    name: str
    questions: Tuple[Question, ...]


@dataclass(frozen=True)
class Exam:
    spec: ExamSpec
    # Items per domain (None: no blueprint, one pool), in blueprint order.
    quotas: Tuple[Tuple[Optional[str], int], ...]
    # The drawn items in bank order; every form holds these.
    items: Tuple[Item, ...]
    forms: Tuple[Form, ...]
    warnings: Tuple[str, ...] = ()


def select(bank: Bank, spec: ExamSpec) -> Tuple[Dict[Optional[str], int], List[Item]]:
    """The quota of each domain and the drawn items, in bank order. Raises
    AssemblyError for names the bank lacks and domains with too few items;
    `qb lint` calls it too, so a spec that cannot be filled fails in CI."""
    blueprint = spec.blueprint if spec.blueprint is not None else bank_blueprint(bank.domains)
    check_references(bank, spec, blueprint)
    quotas = apportion(spec.count, blueprint)
    return quotas, draw(eligible(bank.items, spec), quotas, spec.seed)


def assemble(bank: Bank, spec: ExamSpec) -> Exam:
    """Draw the spec's items from the bank and lay out each form."""
    quotas, chosen = select(bank, spec)
    forms, warnings = [], []
    for name in spec.forms:
        order = list(chosen)
        if spec.shuffle_items:
            _rng(spec.seed, "items", name).shuffle(order)
        arranged, notes = arrange_options(order, _rng(spec.seed, "options", name), spec.shuffle_options)
        forms.append(Form(name, tuple(Question(i + 1, item, options)
                                      for i, (item, options) in enumerate(zip(order, arranged)))))
        warnings += [f"form {name}: {note}" for note in notes]
    return Exam(spec, tuple(quotas.items()), tuple(chosen), tuple(forms), tuple(warnings))


def _rng(seed: int, *purpose: str) -> random.Random:
    digest = hashlib.sha256(json.dumps([seed, *purpose]).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def check_references(bank: Bank, spec: ExamSpec, blueprint: Sequence[Tuple[str, Quota]]) -> None:
    """Every domain and id the spec names exists: a typo must fail loudly,
    not silently shrink the exam."""
    problems = []
    if spec.blueprint is not None:
        for domain, _ in spec.blueprint:
            if domain not in bank.domains:
                problems.append((("exam", "blueprint", domain),
                                 f"blueprint: '{domain}' is not a domain of bank.yaml"
                                 f"{did_you_mean(domain, bank.domains)}"))
    ids = {item.id for item in bank.items}
    for key in ("ids", "exclude_ids"):
        for i, wanted in enumerate(spec.filter.get(key, ())):
            if wanted not in ids:
                problems.append((("exam", "filter", key, i),
                                 f"filter.{key}: no item has the id '{wanted}'"
                                 f"{did_you_mean(wanted, sorted(ids - {None}))}"))
    if problems:
        raise AssemblyError(problems)


def _is_weight(value: object) -> bool:
    return (isinstance(value, numbers.Real) and not isinstance(value, bool)
            and math.isfinite(value) and value >= 0)


def apportion(count: int, blueprint: Sequence[Tuple[str, Quota]]) -> Dict[Optional[str], int]:
    """Items per domain: exact counts first, then the rest by weight with
    the largest-remainder method (ties: larger weight, then blueprint order).
    An empty blueprint is one pool (key None)."""
    if not blueprint:
        return {None: count}
    fixed = {d: q.count for d, q in blueprint if isinstance(q, Count)}
    bad = [(d, q) for d, q in blueprint if not isinstance(q, Count) and not _is_weight(q)]
    if bad:
        # The schemas refuse these; a caller that skipped validation gets a problem, not a crash.
        raise AssemblyError([(("exam", "blueprint"), f"blueprint: the weight of '{d}' is {q!r}, not a number "
                                                     "of 0 or more") for d, q in bad])
    weights = [(d, Fraction(q)) for d, q in blueprint if not isinstance(q, Count)]
    rest = count - sum(fixed.values())
    if rest < 0:
        raise AssemblyError([(("exam", "blueprint"), f"blueprint: the counts add up to {sum(fixed.values())}, "
                                                     f"more than the exam's count of {count}")])
    total = sum(w for _, w in weights)
    if rest and not total:
        raise AssemblyError([(("exam", "blueprint"), f"blueprint: the counts add up to {sum(fixed.values())}, "
                                                     f"fewer than the exam's count of {count}, and no domain has "
                                                     "a weight to take the rest")])
    shares = {d: rest * w / total for d, w in weights} if total else {d: Fraction(0) for d, _ in weights}
    result = {d: fixed.get(d, math.floor(shares.get(d, 0))) for d, _ in blueprint}
    left = rest - sum(math.floor(s) for s in shares.values())
    ranked = sorted(range(len(weights)),
                    key=lambda i: (-(shares[weights[i][0]] % 1), -weights[i][1], i))
    for i in ranked[:left]:
        result[weights[i][0]] += 1
    return result


def eligible(items: Sequence[Item], spec: ExamSpec) -> List[Item]:
    """The items the spec's filter lets through, in bank order."""
    f = spec.filter

    def keep(item: Item) -> bool:
        tags = set(item.tags)
        return ((not f.get("types") or item.type in f["types"])
                and (not f.get("difficulty") or item.difficulty in f["difficulty"])
                and (not f.get("tags") or bool(tags & set(f["tags"])))
                and not tags & set(f.get("exclude_tags", ()))
                and (not f.get("ids") or item.id in f["ids"])
                and item.id not in f.get("exclude_ids", ()))
    return [item for item in items if keep(item)]


def draw(pool: Sequence[Item], quotas: Dict[Optional[str], int], seed: int) -> List[Item]:
    """Sample each domain's quota. Each domain has its own random stream, so
    adding an item to one domain does not change what is drawn from another.
    Raises AssemblyError naming every domain that has too few items."""
    position = {id(item): i for i, item in enumerate(pool)}
    chosen: List[Item] = []
    problems = []
    for domain, quota in quotas.items():
        candidates = [item for item in pool if domain is None or item.domain == domain]
        if len(candidates) < quota:
            where = "the bank" if domain is None else f"domain '{domain}'"
            problems.append((("exam", "blueprint") + ((domain,) if domain else ()),
                             f"{where} needs {quota} items but has {len(candidates)} eligible"))
            continue
        chosen += _rng(seed, "draw", domain or "").sample(candidates, quota)
    if problems:
        raise AssemblyError(problems)
    return sorted(chosen, key=lambda item: position[id(item)])


# --- option order ------------------------------------------------------------

def stays_in_place(option: Option, item: Optional[Item] = None) -> bool:
    """Whether shuffling must leave ``option`` where the author wrote it:
    a pinned option (``pin: true``), or one whose meaning depends on where
    it stands even without a pin: "All of the above", "None of the above",
    "Neither of these" and the like (written last, they stay last), and an
    option that names others by letter ("Both A and C").

    Letters name places, so given the ``item``, every option of an item in
    which some option names others by letter stays in place (its options
    are not shuffled at all), and letters that the item's stem uses as its
    own labels ("Points A, B and C ...") do not count. Rendering, the
    practice page and the exporters all ask this one question; the phrases
    are those of questionbank.phrases, which the all-of-the-above,
    none-of-the-above and option-letter-reference rules report."""
    if item is None:
        return option.pin or position_dependent(option.text)
    return _bound(option) or _lettered(item)


def _bound(option: Option) -> bool:
    """Pinned, or position-dependent by its own words (all or none of the
    above): stays in place whatever the rest of its item says."""
    return option.pin or (position_dependent(option.text) and letter_reference(option.text) is None)


def _lettered(item: Item) -> bool:
    """Whether some option of the item names other options by letter."""
    return any(refers_to_options(o.text, item.stem) for o in item.options)


def _fixed(item: Item) -> List[bool]:
    """stays_in_place for each option of an item (letter references looked for once)."""
    lettered = _lettered(item)
    return [lettered or _bound(o) for o in item.options]


@dataclass(frozen=True)
class _Choice:
    """The places an item's keys can take: each candidate is a set of printed
    positions for the correct options."""

    item: Item
    candidates: Tuple[FrozenSet[int], ...]

    @property
    def single(self) -> bool:
        return self.item.type == "single" and len(self.item.keys) == 1


def _candidates(item: Item, shuffle: bool, rng: random.Random) -> Tuple[FrozenSet[int], ...]:
    options = item.options
    authored = frozenset(i for i, o in enumerate(options) if o.correct)
    if not shuffle:
        return (authored,)
    fixed = _fixed(item)
    free = [i for i in range(len(options)) if not fixed[i]]
    pinned_keys = frozenset(i for i, o in enumerate(options) if fixed[i] and o.correct)
    loose = sum(1 for i, o in enumerate(options) if o.correct and not fixed[i])
    if math.comb(len(free), loose) <= _MAX_CANDIDATES:
        combos = itertools.combinations(free, loose)
    else:
        combos = (sorted(rng.sample(free, loose)) for _ in range(_MAX_CANDIDATES))
    return tuple(dict.fromkeys(pinned_keys | frozenset(c) for c in combos))


def arrange_options(items: Sequence[Item], rng: random.Random,
                    shuffle: bool = True) -> Tuple[List[Tuple[Option, ...]], List[str]]:
    """Each item's options in printed order, and warnings.

    Single-answer keys: each letter gets a quota, its fair share of the
    form's single-answer items rounded by largest remainder (an item with n
    options gives 1/n to each of its letters), less the keys that pins fix.
    Items then draw their key letter at random, weighted by the quotas left:
    a random order of a balanced set of letters, so the spread comes out
    even while no key can be told from the ones before it (always taking
    the letter most behind would make each four keys a permutation of A-D).
    A letter that would make a run of more than MAX_RUN equal keys is
    refused; a table of which run states can still be completed keeps an
    early free choice from forcing a later pinned item into a run. Only
    pins or unshuffled options can leave a long run or an uneven spread,
    and then the warnings say so.

    Multiple-response items take the placement whose letters are furthest
    behind their fair share among those items, ties broken at random.
    """
    choices = [_Choice(item, _candidates(item, shuffle, rng)) if item.is_choice else None for item in items]
    singles = [c for c in choices if c is not None and c.single]
    completable = _completable([{_key(c) for c in s.candidates} for s in singles])
    strict = (None, 0) in completable[0]
    quota = _single_quotas(singles)

    fair: Dict[str, Fraction] = {}
    given: Dict[str, int] = {}
    state: _State = (None, 0)
    single_index = 0
    arranged: List[Tuple[Option, ...]] = []
    for item, choice in zip(items, choices):
        if choice is None:
            arranged.append(tuple(item.options))
            continue
        candidates = list(choice.candidates)
        if choice.single:
            nexts = completable[single_index + 1]
            allowed = [c for c in candidates if (_step(state, _key(c)) in nexts if strict
                                                 else _step(state, _key(c)) is not None)] or candidates
            if len(candidates) == 1:
                best = candidates[0]  # pinned or unshuffled: its quota was taken up front
            else:
                weights = [max(quota.get(_key(c), 0), 0) for c in allowed]
                best = rng.choices(allowed, weights)[0] if sum(weights) else rng.choice(allowed)
                quota[_key(best)] = quota.get(_key(best), 0) - 1
            state = _step(state, _key(best)) or (_key(best), state[1] + 1)
            single_index += 1
        else:
            n, k = len(item.options), len(item.keys)
            for i in range(n):
                fair[letter(i)] = fair.get(letter(i), Fraction(0)) + Fraction(k, n)
            rng.shuffle(candidates)
            best = max(candidates, key=lambda c: sum(fair[letter(i)] - given.get(letter(i), 0) for i in c))
            for i in best:
                given[letter(i)] = given.get(letter(i), 0) + 1
        arranged.append(_place(item, best, rng) if shuffle else tuple(item.options))
    return arranged, balance_warnings(items, arranged)


def _key(placement: FrozenSet[int]) -> str:
    """The letter of a single-answer placement."""
    return letter(next(iter(placement)))


def _single_quotas(singles: Sequence[_Choice]) -> Dict[str, int]:
    """Single-answer keys still to hand out per letter: the fair shares
    rounded by largest remainder, less the keys that pins already place."""
    if not singles:
        return {}
    fair: Dict[str, Fraction] = {}
    for choice in singles:
        n = len(choice.item.options)
        for i in range(n):
            fair[letter(i)] = fair.get(letter(i), Fraction(0)) + Fraction(1, n)
    quota: Dict[str, int] = {key: count for key, count in apportion(len(singles), tuple(fair.items())).items()
                             if key is not None}
    for choice in singles:
        if len(choice.candidates) == 1:
            quota[_key(choice.candidates[0])] -= 1
    return quota


_State = Tuple[Optional[str], int]


def _step(state: _State, key: str) -> Optional[_State]:
    """The run state after one more single-answer key, or None if that key
    would make a run longer than MAX_RUN."""
    last, run = state
    if key != last:
        return (key, 1)
    return (key, run + 1) if run < MAX_RUN else None


def _completable(allowed: List[Set[str]]) -> List[Set[_State]]:
    """completable[j]: the run states before single item j from which items
    j.. can all be placed without a long run (computed backwards)."""
    letters = sorted(set().union(*allowed)) if allowed else []
    states: List[_State] = [(None, 0)] + [(a, r) for a in letters for r in range(1, MAX_RUN + 1)]
    table: List[Set[_State]] = [set() for _ in allowed] + [set(states)]
    for j in range(len(allowed) - 1, -1, -1):
        table[j] = {s for s in states
                    if any((t := _step(s, key)) is not None and t in table[j + 1] for key in allowed[j])}
    return table


def _place(item: Item, keys: FrozenSet[int], rng: random.Random) -> Tuple[Option, ...]:
    """Options that stay in place where they are, the correct ones at
    ``keys`` and the rest shuffled into the other free places."""
    options = item.options
    fixed = _fixed(item)
    slots: List[Optional[Option]] = [o if f else None for o, f in zip(options, fixed)]
    loose_keys = [o for o, f in zip(options, fixed) if o.correct and not f]
    loose_others = [o for o, f in zip(options, fixed) if not o.correct and not f]
    rng.shuffle(loose_keys)
    rng.shuffle(loose_others)
    for i in range(len(slots)):
        if slots[i] is None:
            slots[i] = (loose_keys if i in keys else loose_others).pop()
    return tuple(slots)  # type: ignore[arg-type]


def key_counts(options: Sequence[Tuple[Option, ...]]) -> Dict[str, int]:
    """How often each letter is a correct answer, A first."""
    counts: Dict[str, int] = {}
    for printed in options:
        for key in key_letters(list(printed)):
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (len(kv[0]), kv[0])))


def longest_run(items: Sequence[Item], options: Sequence[Tuple[Option, ...]]) -> Tuple[Optional[str], int, int]:
    """(letter, length, index of the first item) of the longest run of one
    key letter among single-answer items."""
    best: Tuple[Optional[str], int, int] = (None, 0, 0)
    last, run, start = None, 0, 0
    for index, (item, printed) in enumerate(zip(items, options)):
        if item.type != "single" or len(item.keys) != 1:
            continue
        key = key_letters(list(printed))[0]
        if key == last:
            run += 1
        else:
            last, run, start = key, 1, index
        if run > best[1]:
            best = (key, run, start)
    return best


def balance_warnings(items: Sequence[Item], options: Sequence[Tuple[Option, ...]]) -> List[str]:
    """Say where the keys are unevenly spread or run too long; with shuffled,
    unpinned options arrange_options never leaves either."""
    notes = []
    key, run, start = longest_run(items, options)
    if run > MAX_RUN:
        positions = [i for i, item in enumerate(items) if item.type == "single" and len(item.keys) == 1]
        first = start + 1
        last = positions[positions.index(start) + run - 1] + 1
        notes.append(f"{key} is the key of {run} single-answer questions in a row (questions {first} to {last}); "
                     "options that keep their place (pinned, or 'all of the above' and the like) "
                     "or `shuffle: {options: false}` leave no other order")
    expected: Dict[str, Fraction] = {}
    for item in items:
        if item.is_choice and item.options:
            n, k = len(item.options), len(item.keys)
            for i in range(n):
                expected[letter(i)] = expected.get(letter(i), Fraction(0)) + Fraction(k, n)
    counts = key_counts(options)
    uneven = [k for k, e in expected.items() if abs(counts.get(k, 0) - e) > max(2, e / 4)]
    if uneven:
        spread = ", ".join(f"{k} {counts.get(k, 0)} (fair share {float(e):.1f})" for k, e in expected.items())
        notes.append(f"the correct letters are unevenly spread: {spread}; "
                     "options that keep their place (pinned, or 'all of the above' and the like) "
                     "or `shuffle: {options: false}` leave no better spread")
    return notes
