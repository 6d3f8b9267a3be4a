"""The suite runs on a plain clone: data the tests need is vendored under
tests/data with its licence, and no test may read ../shared (which a user's
clone does not have; .ci/run runs the suite from a fresh clone as well)."""

from __future__ import annotations

import os

import pytest

from conftest import REPO, SharedFolderRead


def test_reading_the_shared_folder_fails_the_test() -> None:
    with pytest.raises(SharedFolderRead, match="tests may not read"):
        (REPO.parent / "shared" / "corpora" / "mmlu" / "LICENSE").read_text()
    with pytest.raises(SharedFolderRead):
        os.listdir(REPO.parent / "shared")


def test_vendored_data_carries_its_licence_and_source() -> None:
    folders = [p for p in (REPO / "tests" / "data").iterdir() if p.is_dir()]
    assert {p.name for p in folders} >= {"mmlu", "qti-2.1-xsd"}
    for folder in folders:
        assert (folder / "SOURCE.txt").is_file(), folder
        assert (folder / "LICENSE").is_file() or (folder / "NOTICE.txt").is_file(), folder
