"""The command line: a thin click layer over the pure core.

Exit status: 0 when no finding fails the run, 1 when one does, 2 when qb
could not run at all (bad arguments, a path that does not exist, no bank).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import List, NoReturn, Optional, Tuple

import click

from questionbank import __version__
from questionbank.finding import Severity
from questionbank.reporters import REPORTERS
from questionbank.terminal import visible, visible_lines

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="qb")
def cli() -> None:
    """Lint, assemble and print exam question banks kept as YAML.

    Shell completion: add `eval "$(_QB_COMPLETE=bash_source qb)"` to
    ~/.bashrc (zsh: zsh_source in ~/.zshrc; fish: `_QB_COMPLETE=fish_source
    qb | source` in ~/.config/fish/completions/qb.fish).
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="Output format.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Color the text output (auto: on a terminal, unless NO_COLOR is set).")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache in .qb_cache/.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for large banks (default: one per core).")
@click.option("--against", multiple=True, metavar="PATH",
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Also report items that duplicate an item of this bank or folder of item files "
                   "(repeatable); nothing is reported on it.")
@click.option("--statistics", is_flag=True,
              help="Show the number of findings per rule instead of each finding (text and json formats).")
def lint(paths: Tuple[Path, ...], fmt: str, strict: bool, exit_zero: bool, color: str,
         output_file: Optional[Path], no_cache: bool, jobs: Optional[int], against: Tuple[Path, ...],
         statistics: bool) -> None:
    """Check bank folders or files inside a bank.

    With no PATHS, lints the bank that contains the working directory. Given
    single files (as pre-commit passes them), bank-wide checks still see the
    whole bank and findings are reported for the given files; YAML files
    outside any bank are skipped.
    """
    # Here, not at the top: the lint engine (cache, other banks, workers) is
    # no part of the other commands, and each one pays for what it imports.
    from questionbank.lint import RunOptions, UsageError, lint_paths
    from questionbank.progress import Progress
    from questionbank.reporters import STATISTICS_FORMATS

    if statistics and fmt not in STATISTICS_FORMATS:
        raise click.UsageError(f"--statistics works with --format {' or '.join(STATISTICS_FORMATS)}")
    progress = Progress(sys.stderr)
    try:
        result = lint_paths(list(paths), RunOptions(cache=not no_cache, jobs=jobs, against=against,
                                                    progress=progress))
    except UsageError as exc:
        raise click.UsageError(visible(exc))
    finally:
        progress.close()
    use_color = fmt == "text" and output_file is None and _use_color(color, sys.stdout)
    extra = {"statistics": True} if statistics else {}
    report = REPORTERS[fmt](result.findings, color=use_color, files=result.files, items=result.items, **extra)
    if output_file is not None:
        from questionbank.atomic import write_atomic, write_error

        try:
            write_atomic(output_file, report)  # a missing folder (reports/) is made
        except OSError as exc:
            _fail(write_error(exc, output_file))
    else:
        click.echo(report, nl=False, color=use_color)
    for note in result.notes:
        _note(str(note))
    threshold = Severity.WARNING.rank if strict else Severity.ERROR.rank
    failed = any(f.severity.rank >= threshold for f in result.findings)
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


@cli.command()
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the full documentation of every rule (docs/rules.md).")
def rules(rule_id: Optional[str], fmt: str) -> None:
    """List the rules, or show the documentation of one."""
    from questionbank.rules import RULES, markdown_reference, option_lines

    if fmt == "markdown":
        click.echo(markdown_reference(), nl=False)
        return
    if rule_id is not None:
        from questionbank.suggest import did_you_mean

        if rule_id not in RULES:
            raise click.UsageError(f"unknown rule '{rule_id}'{did_you_mean(rule_id, RULES)}; `qb rules` lists them")
        module = RULES[rule_id]
        settings = [f"- level: `{module.LEVEL}` (error, warning, info or off)"] + option_lines(module)
        example = f"{{level: LEVEL{', OPTION: VALUE' if module.OPTIONS else ''}}}"
        click.echo("\n\n".join([
            f"{module.ID} (default level: {module.LEVEL})", (module.__doc__ or "").strip(),
            "## Settings and their defaults\n" + "\n".join(settings),
            f"In bank.yaml: `lint: {{rules: {{{module.ID}: {example}}}}}`."]))
        return
    rows = [{"id": m.ID, "level": m.LEVEL, "scope": m.SCOPE,
             "summary": (m.__doc__ or "").strip().splitlines()[0],
             "options": dict(m.OPTIONS)} for m in RULES.values()]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        click.echo(f"{r['id']:<{width}}  {r['level']:<7}  {r['summary']}")


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="My question bank", show_default=True, help="The bank's title.")
def init(directory: Path, title: str) -> None:
    """Create a new bank in DIRECTORY that lints clean."""
    from questionbank.scaffold import ScaffoldError, scaffold

    try:
        written = scaffold(directory, title)
    except ScaffoldError as exc:
        _fail(str(exc))
    for path in written:
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("bank_path", metavar="[BANK]", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--update", is_flag=True, help="Write this qb's schemas into BANK/.qb/schemas/ and point the "
                                             "schema line of every bank file at them.")
def schema(bank_path: Optional[Path], update: bool) -> None:
    """Check or refresh the bank's copies of qb's schemas, for editors.

    Each bank file's first line, `# yaml-language-server: $schema=...`, names
    a copy in the bank's .qb/schemas/ by a path relative to the file, so the
    bank validates the same in any clone. Without --update, says what is out
    of date and exits 1 if anything is; with --update (after upgrading qb,
    or to move a bank's absolute schema lines to relative ones), fixes it.
    Only the schema line of a file is changed.
    """
    from questionbank import editor_schemas as es
    from questionbank.bank import find_bank_root

    root = find_bank_root(bank_path or Path.cwd())
    if root is None:
        raise click.UsageError(f"{bank_path or 'this folder'}: not a bank (no bank.yaml in it or above it)")
    shown = Path(os.path.relpath(root)) if not os.path.relpath(root).startswith("..") else root
    if update:
        try:
            written, rewritten, before = es.update(root)
        except es.SchemaCopyError as exc:
            raise click.UsageError(visible(exc))
        except OSError as exc:
            from questionbank.atomic import write_error

            _fail(write_error(exc, Path(exc.filename) if exc.filename else root))
        for path in written:
            click.echo(visible(f"wrote {shown / es.relative(root, path)}"))
        for path in rewritten:
            click.echo(visible(f"pointed the schema line of {shown / es.relative(root, path)} at .qb/schemas/"))
        for path in before.skipped:
            _note(f"{shown / es.relative(root, path)}: a link or outside the bank; schema line left as it is")
        if not written and not rewritten:
            click.echo(f"{shown}: the schemas and schema lines are up to date")
        return
    found = es.status(root)
    for path in found.stale:
        state = "out of date" if path.exists() else "missing"
        click.echo(visible(f"{shown / es.relative(root, path)}: {state}"))
    for path, _, line in found.elsewhere:
        target = line.split("$schema=", 1)[1]
        click.echo(visible(f"{shown / es.relative(root, path)}: the schema line names {target}, not the bank's copy"))
    for path in found.skipped:
        _note(f"{shown / es.relative(root, path)}: a link or outside the bank; its schema line is left as it is")
    if found.without:
        click.echo(f"{len(found.without)} file{'s' * (len(found.without) != 1)} without a schema line "
                   "(left as they are)")
    if found.stale or found.elsewhere:
        click.echo("run `qb schema --update` to fix this")
        sys.exit(EXIT_FINDINGS)
    click.echo(f"{shown}: the schemas and schema lines are up to date")


@cli.group(name="import")
def import_() -> None:
    """Convert items from other formats into a bank."""


@import_.command(name="csv")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The bank folder to write into (created with a bank.yaml if needed).")
@click.option("--map", "mapping", multiple=True, metavar="COLUMN=FIELD",
              help="Read COLUMN as FIELD (question, A-F, answer, explanation, domain, tags, id).")
@click.option("--no-header", is_flag=True, help="The files have no header row: question, options..., answer.")
@click.option("--force", is_flag=True, help="Overwrite item files that already exist.")
def import_csv(files: Tuple[Path, ...], out: Path, mapping: Tuple[str, ...], no_header: bool, force: bool) -> None:
    """Convert spreadsheet exports (CSV) into item files, one per input file."""
    from questionbank.importers.csvfile import import_csv_files, parse_mapping

    _run_import(lambda: import_csv_files(list(files), out, parse_mapping(mapping), header=not no_header,
                                         force=force), files, out, "row")


def _run_import(run, files: Tuple[Path, ...], out: Path, unit: str) -> None:
    """Run an import: notes go to stderr, the summary to stdout; an import
    that cannot run at all is a usage error (exit 2)."""
    from questionbank.importers import ImportError_

    try:
        report = run()
    except ImportError_ as exc:
        _fail(str(exc))
    for note in report.notes:
        click.echo(visible(note), err=True)
    click.echo(f"imported {report.items} item{'s' * (report.items != 1)} from {len(files)} "
               f"file{'s' * (len(files) != 1)} into {out}")
    for line in report.summary:
        click.echo(visible(line))
    if report.skipped:
        click.echo(f"skipped {report.skipped} {unit}{'s' * (report.skipped != 1)} (see the notes above)", err=True)


def _import_command(fmt: str, summary: str):
    @import_.command(name=fmt, help=summary)
    @click.argument("files", nargs=-1, required=True,
                    type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
                  help="The bank folder to write into (created with a bank.yaml if needed).")
    @click.option("--force", is_flag=True, help="Overwrite item files that already exist.")
    def command(files: Tuple[Path, ...], out: Path, force: bool) -> None:
        from questionbank.importers import IMPORTERS

        _run_import(lambda: IMPORTERS[fmt](list(files), out, force), files, out, "question")
    return command


import_gift = _import_command("gift", "Convert Moodle GIFT files into item files, one per input file.")
import_aiken = _import_command("aiken", "Convert Aiken files (Moodle's plain-text format) into item files.")
import_moodle = _import_command("moodle", "Convert Moodle XML files into item files, one per input file.")


def _refuse(findings, what: str) -> None:
    """List the errors that stop a command and exit 1."""
    report = REPORTERS["text"](findings, color=_use_color("auto", sys.stderr))
    click.echo("\n".join(report.splitlines()[:-1]), err=True)  # without lint's summary line
    _note(f"not {what}: {len(findings)} error{'s' * (len(findings) != 1)} to fix first")
    sys.exit(EXIT_FINDINGS)


@cli.command(name="export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["anki", "csv", "gift", "moodle", "qti"]))
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write (.zip for qti, .xml for moodle, .gift, .apkg, .csv), outside the bank.")
@click.option("--form", help="With an exam spec as SOURCE: the form to export (default: the first).")
@click.option("--force", is_flag=True, help="Replace OUT even if qb did not write it.")
def export_(fmt: str, source: Path, out: Path, form: Optional[str], force: bool) -> None:
    """Write a bank (every item) or one form of an exam spec to another format:
    qti (QTI 2.1 package), moodle (Moodle XML), gift, anki (.apkg) or csv.

    SOURCE is a bank folder or an exam spec in a bank's exams/. A bank with
    lint errors is not exported: the errors are listed and qb exits 1. What
    the format cannot hold is listed on standard error. An existing OUT that
    qb did not write is not replaced without --force; OUT is never inside
    the bank being exported.
    """
    from questionbank.bank import find_bank_root
    from questionbank.exporters import EXPORTERS, ExportError, load_source
    from questionbank.outdir import EXPORT_MANIFEST, OutdirError, OutputDir
    from questionbank.prepare import Refused
    from questionbank.safepath import UnsafeName, inside

    root = find_bank_root(source)
    if root is not None and inside(out, root):
        raise click.UsageError(f"{out} is inside the bank being exported ({root}); write it elsewhere")
    try:
        folder = OutputDir(out.parent, force, EXPORT_MANIFEST, "qb export")
        folder.check_file(out.name)
        loaded = load_source(source, form)
    except ExportError as exc:
        raise click.UsageError(visible(exc))
    except OutdirError as exc:
        _fail(str(exc))
    except Refused as exc:
        _refuse(exc.findings, "exported")
    # Written beside the target and moved into place: a failed export never
    # leaves half a file where the last good one was.
    from questionbank.atomic import write_error

    temp: Optional[Path] = None
    try:
        temp = folder.temp_path(out.name)
        notes = EXPORTERS[fmt](loaded, temp)
        os.replace(temp, out)
        temp = None
        folder.adopt(out.name)
        folder.finish(prune=False)
    except (UnsafeName, OutdirError) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(write_error(exc, out))
    finally:
        if temp is not None and (temp.exists() or temp.is_symlink()):
            temp.unlink()
    for note in notes:
        _note(str(note))
    count = len(loaded.entries)
    click.echo(f"exported {count} item{'s' * (count != 1)} to {out}")


def _note(message: str) -> None:
    """A line on standard error, control characters escaped (it may quote the bank)."""
    click.echo(f"qb: {visible(message)}", err=True)


def _fail(message: str) -> NoReturn:
    """A one-line error on standard error, exit 2."""
    _note(message)
    sys.exit(EXIT_USAGE)


@cli.command()
@click.argument("spec", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", metavar="OUTDIR", type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write exam-F.html, key-F.html and key-F.csv into, for each form F. "
                   "Default: out/SPEC-NAME/ in the spec's bank (out/practice/ for exams/practice.yaml).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="Paper size.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of templates that come before the built-in ones (see docs/templates.md).")
@click.option("--force", is_flag=True, help="Write into OUTDIR even if it holds files qb did not write.")
@click.option("--key", "key_style", type=click.Choice(["compact", "full"]), default=None,
              help="The answer key: compact (answers, options and their why) or full (each question's stem as "
                   "well, to be read on its own). Default: the spec's `key`, else compact.")
@click.option("--pdf", is_flag=True, help="Also print exam-F.pdf and key-F.pdf with headless Chromium "
                                          "($QB_CHROMIUM, else chromium or google-chrome on the PATH).")
@click.option("--practice", is_flag=True,
              help="Also write practice-F.html, a self-contained interactive practice exam (see docs/practice.md); "
                   "`practice: true` in the spec does the same.")
def render(spec: Path, outdir: Optional[Path], paper: str, templates: Optional[Path], force: bool,
           key_style: Optional[str], pdf: bool, practice: bool) -> None:
    """Assemble the exam of SPEC (a file in a bank's exams/) and print each
    form as HTML, with its answer key as HTML and CSV; with --practice, also
    an interactive practice page.

    A bank with lint errors is not printed: the errors are listed and qb
    exits 1.
    """
    from jinja2 import TemplateError

    from questionbank import pdf as pdf_engine
    from questionbank.outdir import OutdirError, OutputDir
    from questionbank.prepare import NoBank, Refused, default_outdir, load_exam
    from questionbank.render import output_names, render_files

    chromium = pdf_engine.find_chromium() if pdf else None
    if pdf and chromium is None:
        raise click.UsageError("--pdf needs headless Chromium (the Debian package 'chromium', or set QB_CHROMIUM); "
                               "without it, open exam-F.html in a browser and print it")
    try:
        bank, _, exam = load_exam(spec)
        if outdir is None:
            outdir = default_outdir(bank.root, spec)
        out = OutputDir(outdir, force)
        out.check()
    except NoBank as exc:
        raise click.UsageError(visible(exc))
    except OutdirError as exc:
        _fail(str(exc))
    except Refused as exc:
        _refuse(exc.findings, "rendered")
    for warning in exam.warnings:
        _note(f"warning: {warning}")
    files = render_files(bank, exam, paper, templates, key_style)
    names = output_names(exam)
    if practice or exam.spec.practice:
        from itertools import chain

        from questionbank.practice import practice_files, practice_names
        files = chain(files, practice_files(bank, exam, templates))
        names += practice_names(exam)
    try:
        if sys.stdout.isatty():
            with click.progressbar(files, length=len(names), label="Rendering") as bar:
                rendered = list(bar)
        else:
            rendered = list(files)
    except TemplateError as exc:
        name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "a template"
        line = f":{exc.lineno}" if getattr(exc, "lineno", None) else ""
        _fail(f"template error in {name}{line}: {exc.message or exc}")
    try:
        out.write_all(rendered)
        if chromium is not None:
            for form in exam.forms:
                for document in ("exam", "key"):
                    name = f"{document}-{form.name}.pdf"
                    temp = out.temp_path(name)
                    try:
                        pdf_engine.print_to_pdf(chromium, out.path / f"{document}-{form.name}.html", temp)
                    except pdf_engine.PdfError as exc:
                        _fail(str(exc))
                    os.replace(temp, out.path / name)
                    out.adopt(name)
        out.finish()
    except OutdirError as exc:
        _fail(str(exc))
    click.echo(visible(f"wrote {len(out.written)} files for form{'s' * (len(exam.forms) != 1)} "
                       f"{', '.join(f.name for f in exam.forms)} into {outdir}"))


@cli.command()
@click.argument("bank_path", metavar="[BANK]", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--count", type=click.IntRange(min=1),
              help="Items per exam. Default: the count of the bank's first exam spec, else 65.")
def stats(bank_path: Optional[Path], fmt: str, count: Optional[int]) -> None:
    """Items per domain, type, difficulty and tag against the blueprint, and
    how many full exams the bank can fill without reusing an item."""
    from questionbank.bank import BANK_FILE, find_bank_root, load_bank
    from questionbank.lint import display_path
    from questionbank.loader import read_document
    from questionbank.schema import checker
    from questionbank.stats import bank_stats, format_text

    root = find_bank_root(bank_path or Path.cwd())
    if root is None:
        raise click.UsageError(f"{bank_path or 'this folder'}: not a bank (no bank.yaml in it or above it)")
    # The blueprint comes from bank.yaml: weights that are not numbers cannot be apportioned.
    bank_doc = read_document(root / BANK_FILE, display_path(root / BANK_FILE), checker("bank").hint)
    errors = [f for f in bank_doc.findings + checker("bank").check(bank_doc) if f.severity is Severity.ERROR]
    if errors:
        _refuse(errors, "counted")
    result = bank_stats(load_bank(root), count)
    click.echo(json.dumps(result, indent=2) if fmt == "json" else visible_lines(format_text(result)), nl=fmt == "json")


@cli.command()
@click.argument("source", metavar="SPEC|BANK", type=click.Path(exists=True, path_type=Path))
@click.argument("responses", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--forms", "form_paths", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="The printed forms: the folder qb render wrote, or form-F.json files (needed for answers "
                   "given as printed letters).")
@click.option("--map", "mapping", multiple=True, metavar="COLUMN=FIELD",
              help="Read COLUMN as FIELD: examinee, form, item_id, response, score, or a question number.")
@click.option("--partial-credit", is_flag=True,
              help="Score multiple-response items with partial credit instead of all-or-nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--write", is_flag=True, help="Store the figures in the bank as stats/<exam>.json for qb lint.")
@click.option("--name", help="The <exam> of stats/<exam>.json (default: the spec's file name).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a self-contained HTML report with charts.")
def analyze(source: Path, responses: Tuple[Path, ...], form_paths: Tuple[Path, ...], mapping: Tuple[str, ...],
            partial_credit: bool, fmt: str, write: bool, name: Optional[str], report: Optional[Path]) -> None:
    """Item statistics from answers: difficulty, discrimination, distractors
    and reliability, with the response-aware rules' verdicts.

    SPEC|BANK is the exam spec the answers are to (or the bank). RESPONSES
    are wide CSVs (examinee, form, one column per question with the printed
    letters; needs --forms), long CSVs (examinee, item_id, response) and
    practice-attempt JSON files, or folders of them. Rows that cannot be used
    are listed on standard error with their file and line.
    """
    from questionbank.analysis.responses import ResponseError
    from questionbank.analysis.run import json_report, parse_mapping, run, text_report
    from questionbank.analysis.store import StatsError, write_stats

    try:
        outcome = run(source, list(responses), list(form_paths), parse_mapping(mapping), partial_credit, name)
    except ResponseError as exc:
        raise click.UsageError(visible(exc))
    for note in outcome.notes:
        _note(str(note))
    click.echo(json_report(outcome) if fmt == "json" else visible_lines(text_report(outcome)), nl=False)
    if report is not None:
        from questionbank.analysis.report import report_html
        from questionbank.atomic import write_atomic, write_error

        try:
            write_atomic(report, report_html(outcome))
        except OSError as exc:
            _fail(write_error(exc, report))
        click.echo(f"wrote {report}", err=True)
    if write:
        try:
            path = write_stats(outcome.root, outcome.name, outcome.stats_document())
        except (StatsError, OSError) as exc:
            _fail(str(exc))
        click.echo(f"wrote {path}; commit it, and qb lint reports what the figures say", err=True)


def main(argv: Optional[List[str]] = None) -> None:
    """The console script: run, then leave at once (see _exit_now)."""
    _usable_streams()
    try:
        cli.main(args=argv, prog_name="qb")
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # a bug in qb, not in the bank: say so briefly
        if os.environ.get("QB_DEBUG", "").strip().lower() not in ("", "0", "false", "no", "off"):
            traceback.print_exc()
        click.echo(f"qb: internal error: {type(exc).__name__}: {visible(exc)}\n"
                   "This is a bug in qb; run again with QB_DEBUG=1 for details.", err=True)
        code = EXIT_USAGE
    _exit_now(code)


def _usable_streams() -> None:
    """A stream that cannot encode a character (PYTHONIOENCODING=latin-1)
    writes a replacement instead of failing; a closed one (`qb lint >&-`)
    becomes a sink, so the run ends with its exit status, not a traceback."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
        elif hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def _exit_now(code: object) -> NoReturn:
    # A run ends with a whole bank's objects alive; letting the interpreter
    # free them one by one takes longer than a cached lint itself. Every file
    # qb writes is closed by then, so flush the output and leave (as mypy does).
    if code is None:
        code = EXIT_OK
    elif not isinstance(code, int):
        click.echo(str(code), err=True)
        code = EXIT_FINDINGS
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        code = code or EXIT_FINDINGS
    os._exit(code)
