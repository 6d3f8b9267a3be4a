"""`qb import moodle`: Moodle XML questions become items; other question
types are reported at their element's line."""

from __future__ import annotations

from pathlib import Path

from conftest import lint
from interop import assert_notes, import_file, run_cli
from questionbank.bank import load_bank

XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/Default for Data/Store</text></category>
  </question>
  <question type="multichoice">
    <name><text>S3 classes</text></name>
    <questiontext format="markdown"><text><![CDATA[Which class is **cheapest** for <archives>?]]></text></questiontext>
    <generalfeedback format="markdown"><text>Deep Archive costs least.</text></generalfeedback>
    <single>true</single>
    <answer fraction="100" format="markdown"><text>S3 Glacier Deep Archive</text>
      <feedback format="markdown"><text>Lowest price per GB.</text></feedback></answer>
    <answer fraction="50" format="markdown"><text>S3 Glacier Flexible Retrieval</text></answer>
    <answer fraction="0" format="markdown"><text>S3 Standard</text></answer>
    <tags><tag><text>s3</text></tag><tag><text>cost</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>Serverless</text></name>
    <idnumber>Q 17</idnumber>
    <questiontext format="html"><text><![CDATA[<p>Which TWO are serverless?</p>]]></text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Athena</text></answer>
    <answer fraction="-100"><text>EMR on EC2</text></answer>
    <answer fraction="50"><text>Glue</text></answer>
  </question>
  <question type="numerical">
    <name><text>Year</text></name>
    <questiontext format="html"><text>Year?</text></questiontext>
  </question>
  <question type="truefalse">
    <name><text>Buckets</text></name>
    <questiontext format="markdown"><text>Bucket names are global.</text></questiontext>
    <answer fraction="100"><text>true</text><feedback><text>They are.</text></feedback></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="essay">
    <name><text>CDC</text></name>
    <questiontext format="markdown"><text>Describe CDC.</text></questiontext>
    <graderinfo format="markdown"><text>Full load, then changes.</text></graderinfo>
  </question>
  <question type="matching">
    <name><text>Match</text></name>
  </question>
  <question type="description">
    <questiontext format="html"><text>Read this first.</text></questiontext>
  </question>
</quiz>
"""


def test_import_moodle_xml(tmp_path: Path) -> None:
    source, out, notes = import_file("moodle", "quiz.xml", XML, tmp_path)
    assert_notes(notes, source, [
        "6: question 2 'S3 classes': partial-credit fractions dropped",
        "17: question 3 'Serverless': idnumber 'Q 17' written as 'q-17'",
        "17: question 3 'Serverless': HTML text kept as written",
        "26: question 4 'Year': skipped: a numerical question",
        "30: question 5 'Buckets': a true/false question",
        "41: question 7 'Match': skipped: a matching question",
        "44: question 8: skipped: a description",
    ])
    assert "imported 4 items" in out and "skipped 3 questions" in notes

    items = {i.id: i for i in load_bank(tmp_path / "bank").items}
    assert list(items) == ["s3-classes", "q-17", "buckets", "cdc"]
    s3 = items["s3-classes"]
    assert s3.domain == "store" and s3.tags == ["s3", "cost"] and s3.stem == "Which class is **cheapest** for <archives>?"
    assert [o.correct for o in s3.options] == [True, False, False] and s3.options[0].why == "Lowest price per GB."
    assert s3.explanation == "Deep Archive costs least."
    assert items["q-17"].type == "multiple" and [o.text for o in items["q-17"].keys] == ["Athena", "Glue"]
    assert [(o.text, o.correct) for o in items["buckets"].options] == [("True", True), ("False", False)]
    assert items["cdc"].type == "open" and items["cdc"].answer == "Full load, then changes."
    assert not [f for f in lint(tmp_path / "bank") if f.rule in ("schema", "yaml-syntax")]


def test_malformed_xml_is_a_note_with_its_line(tmp_path: Path) -> None:
    source = tmp_path / "broken.xml"
    source.write_text("<quiz>\n  <question type='essay'>\n</quiz>\n", encoding="utf-8")
    result = run_cli("import", "moodle", str(source), "-o", str(tmp_path / "bank"))
    assert result.exit_code == 0
    assert f"{source}:3: not well-formed XML" in result.stderr
    assert load_bank(tmp_path / "bank").items == []


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    source = tmp_path / "xxe.xml"
    source.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY x SYSTEM "file://{secret}">]>
<quiz><question type="essay"><name><text>x</text></name>
<questiontext format="markdown"><text>Leak &x; here</text></questiontext></question></quiz>
""", encoding="utf-8")
    result = run_cli("import", "moodle", str(source), "-o", str(tmp_path / "bank"))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "TOP SECRET" not in (tmp_path / "bank" / "items" / "xxe.yaml").read_text(encoding="utf-8")


def quiz(*questions: str, declaration: str = '<?xml version="1.0" encoding="UTF-8"?>') -> str:
    return declaration + "\n<quiz>\n" + "\n".join(questions) + "\n</quiz>\n"


def essay(name: str, text: str, extra: str = "") -> str:
    return (f'<question type="essay"><name><text>{name}</text></name>'
            f'<questiontext format="markdown"><text>{text}</text></questiontext>{extra}</question>')


def category(path: str) -> str:
    return f'<question type="category"><category><text>{path}</text></category></question>'


def imported(tmp_path: Path, text: str):
    source, out, notes = import_file("moodle", "quiz.xml", text, tmp_path)
    return source, out, notes, {i.id: i for i in load_bank(tmp_path / "bank").items}


# A 1x1 PNG.
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def test_old_style_images_are_written_beside_the_items(tmp_path: Path) -> None:
    source, _, notes, items = imported(tmp_path, quiz(essay(
        "pic", "What does the picture show?", f"<image>moodle.png</image><image_base64>{PNG}</image_base64>")))
    assert items["pic"].stem == "What does the picture show?\n\n![moodle](quiz-files/moodle.png)"
    assert (tmp_path / "bank" / "items" / "quiz-files" / "moodle.png").read_bytes()[:4] == b"\x89PNG"
    assert_notes(notes, source, ["3: question 1 'pic': embedded files written beside the item file: "
                                 "quiz-files/moodle.png"])
    assert [f for f in lint(tmp_path / "bank") if f.rule == "missing-image"] == []


def test_pluginfile_references_point_to_the_written_files(tmp_path: Path) -> None:
    text = quiz('<question type="essay"><name><text>plug</text></name><questiontext format="markdown">'
                '<text>See ![chart](@@PLUGINFILE@@/my%20chart.png)</text>'
                f'<file name="my chart.png" path="/" encoding="base64">{PNG}</file></questiontext></question>')
    _, _, _, items = imported(tmp_path, text)
    assert items["plug"].stem == "See ![chart](quiz-files/my-chart.png)"
    assert (tmp_path / "bank" / "items" / "quiz-files" / "my-chart.png").is_file()
    assert [f for f in lint(tmp_path / "bank") if f.rule == "missing-image"] == []


def test_first_level_categories_are_domains(tmp_path: Path) -> None:
    source, out, notes, items = imported(tmp_path, quiz(
        category("$course$/Alpha"), essay("a", "In Alpha?"),
        category("$course$/Alpha/Beta"), essay("b", "In Beta?"),
        category("$course$/top/Default for Course"), essay("c", "In the default category?")))
    assert {i: items[i].domain for i in items} == {"a": "alpha", "b": "beta", "c": None}
    assert_notes(notes, source, ["7: category 'Default for Course' is directly under top (a course's own "
                                 "category): its questions get no domain"])
    assert load_bank(tmp_path / "bank").domains == {"alpha": {"name": "Alpha", "weight": 1},
                                                   "beta": {"name": "Beta", "weight": 1}}
    assert not [f for f in lint(tmp_path / "bank") if f.rule == "unknown-domain"]


def test_no_html_note_for_empty_html_text(tmp_path: Path) -> None:
    _, _, notes, _ = imported(tmp_path, quiz(essay("e", "Explain.",
                                                   '<graderinfo format="html"><text></text></graderinfo>')))
    assert notes == ""


def test_true_comes_before_false(tmp_path: Path) -> None:
    _, _, _, items = imported(tmp_path, quiz(
        '<question type="truefalse"><name><text>tf</text></name>'
        '<questiontext format="markdown"><text>Is it?</text></questiontext>'
        '<answer fraction="0"><text>false</text><feedback><text>No.</text></feedback></answer>'
        '<answer fraction="100"><text>true</text></answer></question>'))
    assert [(o.text, o.correct, o.why) for o in items["tf"].options] == [("True", True, None),
                                                                         ("False", False, "No.")]


def test_inline_markup_entities_and_instructions_keep_the_whole_text(tmp_path: Path) -> None:
    source, _, notes, items = imported(tmp_path, quiz(
        essay("bold", "What <b>bold</b> tail?"),
        essay("entity", "Which &co; service <?pi x?>keeps its tail?"),
        declaration='<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE quiz [<!ENTITY co "Company">]>'))
    assert items["bold"].stem == "What <b>bold</b> tail?"
    assert items["entity"].stem == "Which &co; service <?pi x?>keeps its tail?"
    assert_notes(notes, source, ["4: question 1 'bold': markup inside <text> (line 4) kept as written",
                                 "5: question 2 'entity': entities defined by the file kept as written (&co;)"])


def test_a_multichoice_without_answers_is_skipped(tmp_path: Path) -> None:
    source, _, notes, items = imported(tmp_path, quiz(
        '<question type="multichoice"><name><text>none</text></name>'
        '<questiontext format="markdown"><text>Which?</text></questiontext></question>'))
    assert_notes(notes, source, ["3: skipped: no answers with text; a choice question needs at least two"])
    assert items == {} and not [f for f in lint(tmp_path / "bank") if f.rule == "schema"]


def test_latin1_without_a_declaration_is_read_with_a_note(tmp_path: Path) -> None:
    source = tmp_path / "latin.xml"
    source.write_bytes(quiz(essay("e", "Où est la réponse ?"), declaration="").encode("latin-1"))
    result = run_cli("import", "moodle", str(source), "-o", str(tmp_path / "bank"))
    assert result.exit_code == 0, result.stderr
    assert f"{source}:3: not UTF-8; read the file as Windows-1252" in result.stderr
    assert load_bank(tmp_path / "bank").items[0].stem == "Où est la réponse ?"


def test_a_declared_encoding_is_honoured(tmp_path: Path) -> None:
    source = tmp_path / "declared.xml"
    source.write_bytes(quiz(essay("e", "Où ?"), declaration='<?xml version="1.0" encoding="ISO-8859-1"?>')
                       .encode("latin-1"))
    result = run_cli("import", "moodle", str(source), "-o", str(tmp_path / "bank"))
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    assert load_bank(tmp_path / "bank").items[0].stem == "Où ?"


def test_a_category_description_names_the_domain(tmp_path: Path) -> None:
    imported(tmp_path, quiz('<question type="category"><category><text>$course$/top/Bank/store</text></category>'
                            '<info format="markdown"><text>Data Store Management</text></info></question>',
                            essay("s", "Where?")))
    assert load_bank(tmp_path / "bank").domains == {"store": {"name": "Data Store Management", "weight": 1}}


def test_empty_answers_are_one_note_and_none_when_the_question_is_skipped(tmp_path: Path) -> None:
    source, out, notes, items = imported(tmp_path, quiz(
        '<question type="multichoice"><name><text>some</text></name>'
        '<questiontext format="markdown"><text>Which?</text></questiontext>\n'
        '<answer fraction="100"><text>yes</text></answer>\n<answer fraction="0"><text></text></answer>\n'
        '<answer fraction="0"><text>no</text></answer></question>',
        '<question type="multichoice"><name><text>none</text></name>'
        '<questiontext format="markdown"><text>Which?</text></questiontext>\n'
        '<answer fraction="100"><text>yes</text></answer>\n<answer fraction="0"><text> </text></answer></question>'))
    assert_notes(notes, source, ["3: question 1 'some': 1 answer with no text (line 5) skipped",
                                 "7: skipped: 1 answer with text; a choice question needs at least two"])
    assert notes.count("with no text") == 1 and list(items) == ["some"]
    assert "imported 1 item from 1 file into" in out


def test_a_text_over_the_parsers_limit_is_named_as_such(tmp_path: Path) -> None:
    source, _, notes, items = imported(tmp_path, quiz(
        essay("a", "Before?"),
        essay("big", "See the file.", f'<file name="p.png" encoding="base64">{"A" * 10_500_000}</file>'),
        essay("c", "After?")))
    assert_notes(notes, source, ["4: a text or embedded file over 10 MB, more than qb reads in one XML node; "
                                 "nothing from this line on is imported"])
    assert "well-formed" not in notes and list(items) == ["a"]
