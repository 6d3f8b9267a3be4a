"""MinHash signatures and locality-sensitive banding over word shingles.

An item's text becomes a set of shingles: the runs of three consecutive
words of its stem and of each option (a text shorter than that is one
shingle), so reordered options keep their shingles. The set's MinHash
signature is made by one-permutation hashing (Li, Owen and Zhang 2012): one
hash per shingle, the hash range cut into ``BINS`` bins, and the smallest
hash in each bin kept; an empty bin borrows from the next full one (Shrivastava
and Li 2014). Two sets agree in a bin with a probability close to their
Jaccard similarity. The bins are then grouped into ``BANDS`` bands of
``ROWS``: two items whose signatures agree on a whole band are candidates.
With 3 rows and 21 bands, a pair whose shingles are 60 % the same becomes a
candidate with a probability of 99 %, one at 20 % with 15 %.

Words are hashed with CRC-32 and shingles and bands as tuples of ints, whose
hash is the same in every process and run of one Python version (the
version is part of the cache key): band keys are summarised per file and
cached.
"""

from __future__ import annotations

import bisect
import zlib
from typing import Dict, Iterable, List, Sequence, Set, Tuple

SHINGLE = 3
ROWS = 3
BANDS = 21
BINS = ROWS * BANDS  # 63
_by_bin = BINS.__rmod__  # h -> h % BINS, called from C by map()
_words: Dict[str, int] = {}


def shingles(texts: Iterable[str]) -> Set[int]:
    """The hashes of the word shingles of each text. A tuple of ints hashes
    the same in every process (unlike a str, whose hash is salted per run)."""
    hashes: Set[int] = set()
    for text in texts:
        words = text.split()
        missing = set(words).difference(_words)
        if missing:
            if len(_words) > 1_000_000:
                _words.clear()  # bounded memory on hostile input
                missing = set(words)
            _words.update((w, zlib.crc32(w.encode("utf-8", "surrogatepass"))) for w in missing)
        ids = list(map(_words.__getitem__, words))
        if len(ids) < SHINGLE:
            if ids:
                hashes.add(hash(tuple(ids)))
            continue
        hashes.update(map(hash, zip(ids, ids[1:], ids[2:])))
    return hashes


def band_keys(hashes: Set[int]) -> List[int]:
    """The item's ``BANDS`` band keys (none for an item without words)."""
    if not hashes:
        return []
    # The smallest hash of each bin: sorted from the largest, a dict keeps
    # the last (smallest) value per bin, all in C.
    ordered = sorted(hashes, reverse=True)
    by_bin = dict(zip(map(_by_bin, ordered), ordered))
    if len(by_bin) == BINS:
        signature = list(map(by_bin.__getitem__, range(BINS)))
    else:
        signature = _densified(by_bin)
    return list(map(hash, zip(range(BANDS), signature[0::ROWS], signature[1::ROWS], signature[2::ROWS])))


def _densified(by_bin: Dict[int, int]) -> List[int]:
    """The signature with each empty bin borrowing the value of the next full
    bin (circularly), marked with the distance so that it does not match that
    bin by itself (Shrivastava and Li 2014)."""
    full = sorted(by_bin)
    signature = []
    for b in range(BINS):
        value = by_bin.get(b)
        if value is None:
            at = bisect.bisect_left(full, b)
            source = full[at] if at < len(full) else full[0]
            value = hash((by_bin[source], (source - b) % BINS))
        signature.append(value)
    return signature


# A band shared by more items than this is a common phrase, not a copy: its
# items are paired with its first item only, not with each other.
_BUCKET_PAIRS = 12


def candidate_pairs(keys: Sequence[Sequence[int]], members: Sequence[int]) -> Dict[Tuple[int, int], int]:
    """Pairs (i, j), i < j, of ``members`` whose band keys agree, with the
    number of bands they agree on. One band at a time, so memory holds one
    key per item, not one per band and item."""
    counts: Dict[Tuple[int, int], int] = {}
    get = counts.get
    banded = [i for i in members if keys[i]]
    for band in range(BANDS):
        first: Dict[int, int] = {}
        more: Dict[int, List[int]] = {}
        for i in banded:
            key = keys[i][band]
            seen = first.setdefault(key, i)
            if seen != i:
                listed = more.get(key)
                if listed is None:
                    more[key] = [seen, i]
                else:
                    listed.append(i)
        for listed in more.values():
            # Members are in ascending order, so every pair is (smaller, larger).
            if len(listed) <= _BUCKET_PAIRS:
                for x, a in enumerate(listed):
                    for b in listed[x + 1:]:
                        counts[a, b] = get((a, b), 0) + 1
            else:
                a = listed[0]
                for b in listed[1:]:
                    counts[a, b] = get((a, b), 0) + 1
    return counts
