"""The hostile-input corpus: files a careless or malicious user gives the CLI, and what must happen.

Each case writes its files into a fresh folder and returns the command line to run in-process. The runner
(test_corpus.py) checks the exit code, that every expected text (e.g. the file's name) is printed, that no
traceback is printed, that the command finishes within its timeout, that no file that existed before was
replaced or changed (unless the case says so) and that no temporary file is left behind.

To add cases from another module (footage: tests/hostile/cases_footage.py), decorate a builder with `@case`.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable

import yaml

from tests.rules.conftest import BASE_DEPLOYMENT, PACK_HEADER, rule_doc


@dataclass
class Case:
    """One hostile input. `build(folder, env)` writes files and returns argv (strings may use {tmp})."""

    id: str
    area: str
    build: Callable[[Path, Env], list[str]]
    exit: int = 2
    says: tuple[str, ...] = ()               # each must appear in stdout+stderr ({tmp} is the case folder)
    never: tuple[str, ...] = ("Traceback",)  # none may appear
    may_change: tuple[str, ...] = ()         # files (relative to the case folder) the run may write
    timeout: float = 120.0
    check: Callable[[Path, str, str], None] | None = None   # extra assertions (folder, out, err)


@dataclass
class Env:
    """What a builder may use besides its folder: monkeypatch (for mocks) and a place to start helpers."""

    monkeypatch: Any
    threads: list[Any] = field(default_factory=list)


CASES: list[Case] = []


def case(area: str, *, exit: int = 2, says: tuple[str, ...] = (), never: tuple[str, ...] = ("Traceback",),
         may_change: tuple[str, ...] = (), timeout: float = 120.0,
         check: Callable[[Path, str, str], None] | None = None) -> Callable:
    """Register the decorated builder as a corpus case named after the function."""
    def register(build: Callable[[Path, Env], list[str]]) -> Callable[[Path, Env], list[str]]:
        CASES.append(Case(build.__name__.removeprefix("case_"), area, build, exit, says, never, may_change,
                          timeout, check))
        return build
    return register


# --- helpers -----------------------------------------------------------------------------------------------

def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def deployment(**over: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE_DEPLOYMENT)
    data.update(over)
    return data


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def config(folder: Path, data: dict[str, Any] | None = None, name: str = "store.yaml") -> Path:
    return write(folder, name, dump(data if data is not None else deployment()))


def pack(folder: Path, *rules: dict[str, Any] | tuple[str, str], name: str = "mine") -> Path:
    out = folder / "packs" / name
    write(out, "pack.yaml", dump({**PACK_HEADER, "id": name}))
    for rule in rules:
        if isinstance(rule, tuple):
            write(out, rule[0], rule[1])
        else:
            write(out, f"{rule['id']}.yaml", dump(rule))
    return out


def fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


AUDIT = ["audit", "--no-footage", "--date", "2026-11-23"]


# --- configs -------------------------------------------------------------------------------------------------

@case("config", says=("{tmp}/store.yaml", "named pipe"), timeout=20)
def case_config_is_a_fifo(tmp: Path, env: Env) -> list[str]:
    fifo(tmp, "store.yaml")
    return ["validate", str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml", "named pipe"), timeout=20)
def case_audit_config_is_a_fifo(tmp: Path, env: Env) -> list[str]:
    fifo(tmp, "store.yaml")
    return [*AUDIT, str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml", "folder"))
def case_config_is_a_folder(tmp: Path, env: Env) -> list[str]:
    (tmp / "store.yaml").mkdir()
    return ["validate", str(tmp / "store.yaml")]


@case("config", says=("/dev/zero", "character device"), timeout=20)
def case_config_is_a_device(tmp: Path, env: Env) -> list[str]:
    return ["validate", "/dev/zero"]


@case("config", says=("{tmp}/store.yaml", "symbolic link"))
def case_config_is_a_dangling_symlink(tmp: Path, env: Env) -> list[str]:
    (tmp / "store.yaml").symlink_to(tmp / "gone.yaml")
    return ["validate", str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml", "binary"))
def case_config_is_binary(tmp: Path, env: Env) -> list[str]:
    write(tmp, "store.yaml", b"\x89PNG\r\n\x1a\n\x00\x00")
    return ["validate", str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml:1:", "UTF-8"))
def case_config_is_latin1(tmp: Path, env: Env) -> list[str]:
    write(tmp, "store.yaml", "store: {name: \"Épicerie\"}\n".encode("latin-1"))
    return ["validate", str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml", "expansion"))
def case_config_billion_laughs(tmp: Path, env: Env) -> list[str]:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    write(tmp, "store.yaml", "\n".join(lines) + "\n")
    return ["validate", str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml", "nested"))
def case_config_nested_deeply(tmp: Path, env: Env) -> list[str]:
    write(tmp, "store.yaml", "store: " + "[" * 5000 + "]" * 5000 + "\n")
    return ["validate", str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml", "limit"))
def case_config_too_large(tmp: Path, env: Env) -> list[str]:
    write(tmp, "store.yaml", "# " + "x" * (2 << 20) + "\n")
    return ["validate", str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml:1:", "not allowed"))
def case_config_python_tag(tmp: Path, env: Env) -> list[str]:
    write(tmp, "store.yaml", "store: !!python/object/apply:os.system ['echo hacked']\n")
    return ["validate", str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml:", "duplicate key"))
def case_config_duplicate_key(tmp: Path, env: Env) -> list[str]:
    write(tmp, "store.yaml", dump(deployment()) + "store: {name: again}\n")
    return ["validate", str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml:", "retention_days"))
def case_config_wrong_field_type(tmp: Path, env: Env) -> list[str]:
    data = deployment()
    data["cameras"][0]["retention_days"] = "thirty"
    config(tmp, data)
    return [*AUDIT, str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml", "empty"))
def case_config_empty(tmp: Path, env: Env) -> list[str]:
    write(tmp, "store.yaml", "")
    return ["validate", str(tmp / "store.yaml")]


@case("config", says=("{tmp}/store.yaml:1:1", "mapping"))
def case_config_is_a_list(tmp: Path, env: Env) -> list[str]:
    write(tmp, "store.yaml", "- a\n- b\n")
    return ["validate", str(tmp / "store.yaml")]


def _no_raw_controls(folder: Path, out: str, err: str) -> None:
    for ch in ("\x1b", "\u202e", "\r", "\x07", "\x9b"):
        assert ch not in out + err, f"raw {ch!r} reached the terminal"


@case("terminal", exit=0, says=("\\u001b[2J", "\\u202e"), never=("Traceback", "\x1b", "\u202e"),
      check=_no_raw_controls)
def case_config_ansi_and_bidi_in_validate(tmp: Path, env: Env) -> list[str]:
    data = deployment()
    data["store"]["name"] = "Shop\x1b[2J\x1b[31m OK \u202eKO\r\x07\x9b"
    config(tmp, data)
    return ["validate", str(tmp / "store.yaml")]


@case("terminal", exit=0, says=("\\u202e",), never=("Traceback", "\x1b", "\u202e"), check=_no_raw_controls)
def case_config_ansi_and_bidi_in_audit_summary(tmp: Path, env: Env) -> list[str]:
    data = deployment()
    data["store"]["name"] = "Shop\x1b]0;owned\x07 \u202eKO"
    data["cameras"][0]["name"] = "Till \u202e1"
    config(tmp, data)
    return [*AUDIT, str(tmp / "store.yaml")]


@case("terminal", says=("\\u001b",), never=("Traceback", "\x1b"), check=_no_raw_controls)
def case_config_ansi_in_an_error_message(tmp: Path, env: Env) -> list[str]:
    write(tmp, "store.yaml", dump(deployment()) + '"bogus\\e[31mkey\\u202e": 1\n')
    return ["validate", str(tmp / "store.yaml")]


# --- waivers -------------------------------------------------------------------------------------------------

@case("waivers", says=("{tmp}/waivers.yaml", "named pipe"), timeout=20)
def case_waivers_is_a_fifo(tmp: Path, env: Env) -> list[str]:
    config(tmp)
    fifo(tmp, "waivers.yaml")
    return [*AUDIT, str(tmp / "store.yaml"), "--waivers", str(tmp / "waivers.yaml")]


@case("waivers", says=("{tmp}/waivers.yaml", "folder"))
def case_waivers_is_a_folder(tmp: Path, env: Env) -> list[str]:
    config(tmp)
    (tmp / "waivers.yaml").mkdir()
    return [*AUDIT, str(tmp / "store.yaml"), "--waivers", str(tmp / "waivers.yaml")]


@case("waivers", says=("{tmp}/waivers.yaml:", "expires"))
def case_waivers_wrong_types(tmp: Path, env: Env) -> list[str]:
    config(tmp)
    write(tmp, "waivers.yaml", dump({"waivers": [{"rule_id": "GDPR-ART5-1E-RETENTION-72H", "subject": "deployment", "justification": "j",
                                                  "approver": "a", "expires": 12}]}))
    return [*AUDIT, str(tmp / "store.yaml"), "--waivers", str(tmp / "waivers.yaml")]


@case("waivers", says=("{tmp}/waivers.yaml:", "syntax"))
def case_waivers_bad_yaml(tmp: Path, env: Env) -> list[str]:
    config(tmp)
    write(tmp, "waivers.yaml", "waivers: [\n  {rule_id: X\n")
    return [*AUDIT, str(tmp / "store.yaml"), "--waivers", str(tmp / "waivers.yaml")]


# --- packs -------------------------------------------------------------------------------------------------

@case("pack", says=("TEST-RETENTION-LONG.yaml", "named pipe"), timeout=20)
def case_pack_rule_file_is_a_fifo(tmp: Path, env: Env) -> list[str]:
    folder = pack(tmp)
    fifo(folder, "TEST-RETENTION-LONG.yaml")
    return ["rules", "validate", str(folder)]


@case("pack", says=("pack.yaml", "named pipe"), timeout=20)
def case_pack_header_is_a_fifo(tmp: Path, env: Env) -> list[str]:
    folder = pack(tmp, rule_doc())
    (folder / "pack.yaml").unlink()
    fifo(folder, "pack.yaml")
    return ["rules", "validate", str(folder)]


LONG_WORD = "Ж" * 20_000


@case("pack", says=("TEST-RETENTION-LONG.yaml:", "title.en", "too long", "at most 300 characters"))
def case_pack_texts_too_long_for_a_report(tmp: Path, env: Env) -> list[str]:
    rule = rule_doc(title={"en": LONG_WORD, "fr": "Titre"})
    return [*AUDIT, str(config(tmp)), "--rules", str(pack(tmp, rule)), "--out", str(tmp / "r.pdf")]


def _report_written(folder: Path, out: str, err: str) -> None:
    assert (folder / "r.pdf").read_bytes().startswith(b"%PDF-")


@case("pack", exit=0, timeout=240, may_change=("r.pdf",), check=_report_written)
def case_pack_texts_at_their_limits_lay_out(tmp: Path, env: Env) -> list[str]:
    """Texts as long as a pack may give them, without a single space: table rows taller than a page split."""
    rule = rule_doc(title={"en": "T" * 300, "fr": "T" * 300},
                    message={"en": "{{ camera.id }}" + "M" * 2_900, "fr": "{{ camera.id }}" + "M" * 2_900},
                    rationale={"en": "R" * 6_000, "fr": "R" * 6_000},
                    remediation={"en": "D" * 6_000, "fr": "D" * 6_000})
    data = deployment()
    data["cameras"][0]["retention_days"] = 30
    return [*AUDIT, str(config(tmp, data)), "--rules", str(pack(tmp, rule)), "--out", str(tmp / "r.pdf")]


BAD_REGEX = rule_doc(trigger="camera.id.matches('[')")


@case("pack", says=("TEST-RETENTION-LONG.yaml:", "invalid regular expression"))
def case_pack_bad_regex_in_rules_validate(tmp: Path, env: Env) -> list[str]:
    return ["rules", "validate", str(pack(tmp, BAD_REGEX))]


@case("pack", says=("TEST-RETENTION-LONG.yaml:", "invalid regular expression"))
def case_pack_bad_regex_in_audit(tmp: Path, env: Env) -> list[str]:
    return [*AUDIT, str(config(tmp)), "--rules", str(pack(tmp, BAD_REGEX))]


@case("pack", exit=0, timeout=60)
def case_pack_catastrophic_regex_is_linear(tmp: Path, env: Env) -> list[str]:
    data = deployment()
    data["cameras"][0]["name"] = "a" * 20_000 + "!"
    rule = rule_doc(trigger="camera.name.matches('(a|aa)+$')",
                    examples=[{"name": "a", "expect": "pass", "camera": {"name": "b"}},
                              {"name": "b", "expect": "fail", "camera": {"name": "aa"}}])
    return [*AUDIT, str(config(tmp, data)), "--rules", str(pack(tmp, rule))]


@case("pack", says=("TEST-RETENTION-LONG.yaml:", "nested"))
def case_pack_expression_nested_thousands_deep(tmp: Path, env: Env) -> list[str]:
    rule = rule_doc(trigger="(" * 4000 + "camera.retention_days > 3" + ")" * 4000)
    return [*AUDIT, str(config(tmp)), "--rules", str(pack(tmp, rule))]


@case("pack", says=("TEST-RETENTION-LONG.yaml:", "nested too deeply"))
def case_pack_expression_long_operator_chain(tmp: Path, env: Env) -> list[str]:
    rule = rule_doc(trigger="camera.retention_days > " + "+".join(["1"] * 6000))
    return ["rules", "validate", str(pack(tmp, rule))]


@case("pack", says=("TEST-RETENTION-LONG.yaml:", "evaluation stopped"), timeout=60)
def case_pack_nested_comprehensions_hit_the_budget(tmp: Path, env: Env) -> list[str]:
    data = deployment()
    data["cameras"][0]["purposes"] = ["theft_prevention"] * 60
    trigger = ("camera.purposes.exists(a, camera.purposes.exists(b, camera.purposes.exists(c, "
               "camera.purposes.exists(d, camera.purposes.exists(e, a + b + c + d + e == 'xxxxx')))))")
    rule = rule_doc(trigger=trigger, examples=[{"name": "none", "expect": "pass", "camera": {"purposes": []}},
                                               {"name": "x", "expect": "fail", "camera": {"purposes": ["x"]}}])
    return [*AUDIT, str(config(tmp, data)), "--rules", str(pack(tmp, rule))]


@case("pack", says=("TEST-RETENTION-LONG.yaml:", "could not be evaluated on camera:CAM-1"))
def case_pack_rule_evaluation_error_is_an_error(tmp: Path, env: Env) -> list[str]:
    rule = rule_doc(trigger="camera.zone > 3")
    return [*AUDIT, str(config(tmp)), "--rules", str(pack(tmp, rule))]


@case("pack", says=("TEST-RETENTION-LONG.yaml:", "not supported by the rule engine"))
def case_pack_unsupported_cel(tmp: Path, env: Env) -> list[str]:
    rule = rule_doc(trigger="timestamp('2026-01-01T00:00:00Z') > timestamp('2025-01-01T00:00:00Z')")
    return ["rules", "validate", str(pack(tmp, rule))]


@case("terminal", says=("x1b[2J",), never=("Traceback", "\x1b"), check=_no_raw_controls)
def case_pack_ansi_in_a_rule_message(tmp: Path, env: Env) -> list[str]:
    rule = rule_doc(severity="\x1b[2Jcritical")
    return ["rules", "validate", str(pack(tmp, rule))]


# --- audit projects -------------------------------------------------------------------------------------------

def project(tmp: Path, **over: Any) -> Path:
    from auditor.core.fileio import sha256_file
    clip = write(tmp, "clip.mp4", b"original clip")
    config(tmp)
    data: dict[str, Any] = {"schema_version": 1, "config": "store.yaml",
                            "footage": [{"camera": "CAM-1", "path": "clip.mp4", "sha256": sha256_file(clip)}]}
    data.update(over)
    return write(tmp, "audit.auditproj.yaml", dump(data))


@case("project", says=("{tmp}/audit.auditproj.yaml", "named pipe"), timeout=20)
def case_project_is_a_fifo(tmp: Path, env: Env) -> list[str]:
    fifo(tmp, "audit.auditproj.yaml")
    return ["validate", str(tmp / "audit.auditproj.yaml")]


@case("project", says=("{tmp}/audit.auditproj.yaml:", "footage", "wrong type"))
def case_project_footage_not_a_list(tmp: Path, env: Env) -> list[str]:
    return ["validate", str(project(tmp, footage="clip.mp4"))]


@case("project", says=("{tmp}/audit.auditproj.yaml:", "footage[0].camera", "wrong type"))
def case_project_field_of_wrong_type(tmp: Path, env: Env) -> list[str]:
    return ["validate", str(project(tmp, footage=[{"camera": 12, "path": ["x"]}]))]


@case("project", says=("{tmp}/audit.auditproj.yaml", "schema_version"))
def case_project_version_is_text(tmp: Path, env: Env) -> list[str]:
    return ["validate", str(project(tmp, schema_version="one"))]


@case("project", says=("{tmp}/audit.auditproj.yaml", "clip.mp4", "SHA-256 no longer matches"))
def case_project_footage_changed(tmp: Path, env: Env) -> list[str]:
    path = project(tmp)
    write(tmp, "clip.mp4", b"another clip")
    return ["validate", str(path)]


@case("project", says=("{tmp}/audit.auditproj.yaml", "symbolic link", "SHA-256 no longer matches"))
def case_project_footage_became_a_symlink(tmp: Path, env: Env) -> list[str]:
    path = project(tmp)
    write(tmp, "other.mp4", b"another camera's clip")
    (tmp / "clip.mp4").unlink()
    (tmp / "clip.mp4").symlink_to(tmp / "other.mp4")
    return ["validate", str(path)]


@case("project", says=("{tmp}/proj/audit.auditproj.yaml", "outside the project"))
def case_project_path_escapes_the_folder(tmp: Path, env: Env) -> list[str]:
    inner = tmp / "proj"
    inner.mkdir()
    write(tmp, "secret.mp4", b"x")
    config(inner)
    write(inner, "audit.auditproj.yaml", dump({"schema_version": 1, "config": "store.yaml",
                                               "footage": [{"camera": "CAM-1", "path": "../secret.mp4"}]}))
    return ["validate", str(inner / "audit.auditproj.yaml")]


@case("project", says=("{tmp}/audit.auditproj.yaml", "no such file"))
def case_project_footage_missing(tmp: Path, env: Env) -> list[str]:
    path = project(tmp)
    (tmp / "clip.mp4").unlink()
    return ["validate", str(path)]


@case("project", says=("{tmp}/audit.auditproj.yaml", "named pipe"), timeout=20)
def case_project_footage_became_a_fifo(tmp: Path, env: Env) -> list[str]:
    path = project(tmp)
    (tmp / "clip.mp4").unlink()
    fifo(tmp, "clip.mp4")
    return ["validate", str(path)]


@case("project", says=("{tmp}/audit.auditproj.yaml:", "unknown key"))
def case_project_unknown_key(tmp: Path, env: Env) -> list[str]:
    return ["validate", str(project(tmp, pixels="..."))]


# --- outputs ---------------------------------------------------------------------------------------------

def audit_to(tmp: Path, *outputs: str) -> list[str]:
    return [*AUDIT, str(config(tmp)), *outputs]


@case("output", says=("--json", "empty"))
def case_output_empty_path(tmp: Path, env: Env) -> list[str]:
    return audit_to(tmp, "--json", "")


@case("output", says=("--json {tmp}", "folder"))
def case_output_is_a_folder(tmp: Path, env: Env) -> list[str]:
    return audit_to(tmp, "--json", str(tmp))


@case("output", says=("{tmp}/out.json", "symbolic link"))
def case_output_dangling_symlink(tmp: Path, env: Env) -> list[str]:
    (tmp / "out.json").symlink_to(tmp / "elsewhere.json")
    return audit_to(tmp, "--json", str(tmp / "out.json"))


@case("output", says=("{tmp}/store.yaml", "same file as the input"))
def case_output_is_the_config(tmp: Path, env: Env) -> list[str]:
    return audit_to(tmp, "--json", str(tmp / "store.yaml"))


@case("output", says=("{tmp}/store.yaml", "same file as the input"))
def case_output_is_the_config_through_dots(tmp: Path, env: Env) -> list[str]:
    (tmp / "sub").mkdir()
    return audit_to(tmp, "--sarif", str(tmp / "sub" / ".." / "store.yaml"))


@case("output", says=("{tmp}/link.yaml", "same file as the input"))
def case_output_is_a_hard_link_to_the_config(tmp: Path, env: Env) -> list[str]:
    argv = audit_to(tmp, "--sarif", str(tmp / "link.yaml"))
    (tmp / "link.yaml").hardlink_to(tmp / "store.yaml")
    return argv


@case("output", says=("{tmp}/waivers.yaml", "same file as the input"))
def case_output_is_the_waivers(tmp: Path, env: Env) -> list[str]:
    write(tmp, "waivers.yaml", dump({"waivers": []}))
    return audit_to(tmp, "--waivers", str(tmp / "waivers.yaml"), "--sarif", str(tmp / "waivers.yaml"))


@case("output", says=("{tmp}/clip.mp4", "same file as the input"))
def case_output_is_the_footage(tmp: Path, env: Env) -> list[str]:
    write(tmp, "clip.mp4", b"clip")
    return ["audit", str(config(tmp)), "--footage", f"CAM-1={tmp / 'clip.mp4'}", "--json", str(tmp / "clip.mp4")]


@case("output", says=("{tmp}/clip.mp4", "same file as the input"))
def case_analyze_output_is_the_footage(tmp: Path, env: Env) -> list[str]:
    write(tmp, "clip.mp4", b"clip")
    return ["analyze", str(tmp / "clip.mp4"), "--json", str(tmp / "clip.mp4")]


@case("output", says=("packs/mine/pack.yaml", "same file as the input"))
def case_output_is_a_pack_file(tmp: Path, env: Env) -> list[str]:
    folder = pack(tmp, rule_doc())
    return audit_to(tmp, "--rules", str(folder), "--json", str(folder / "pack.yaml"))


@case("output", says=("{tmp}/missing", "does not exist"))
def case_output_folder_missing(tmp: Path, env: Env) -> list[str]:
    return audit_to(tmp, "--json", str(tmp / "missing" / "r.json"))


@case("output", says=("also the path given to --json",))
def case_two_outputs_one_path(tmp: Path, env: Env) -> list[str]:
    return audit_to(tmp, "--json", str(tmp / "r.out"), "--sarif", str(tmp / "r.out"))


@case("output", says=("{tmp}/ro", "not writable"))
def case_output_read_only_folder(tmp: Path, env: Env) -> list[str]:
    from auditor.core import fileio
    folder = tmp / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    real_access = os.access        # root may write anyway: answer as the kernel would for a user
    env.monkeypatch.setattr(fileio.os, "access", lambda p, m: False if Path(p) == folder else real_access(p, m))
    return audit_to(tmp, "--json", str(folder / "r.json"))


@case("output", says=("No space left on device", "none was written"), may_change=())
def case_output_disk_full(tmp: Path, env: Env) -> list[str]:
    import errno

    from auditor.core import fileio
    write(tmp, "r.json", "previous report")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")
    env.monkeypatch.setattr(fileio.os, "fsync", full)
    return audit_to(tmp, "--json", str(tmp / "r.json"), "--sarif", str(tmp / "r.sarif"))


@case("output", exit=130, says=("interrupted; no output was written",))
def case_ctrl_c_while_the_pdf_is_written(tmp: Path, env: Env) -> list[str]:
    import auditor.report.pdf

    def interrupted(*a: Any, **k: Any) -> None:
        raise KeyboardInterrupt
    env.monkeypatch.setattr(auditor.report.pdf, "write_pdf", interrupted)
    return audit_to(tmp, "--json", str(tmp / "r.json"), "--sarif", str(tmp / "r.sarif"), "--out", str(tmp / "r.pdf"))


def _json_on_stdout(folder: Path, out: str, err: str) -> None:
    import json
    assert json.loads(out)["audit_date"] == "2026-11-23" and "DPIA required" in err


@case("output", exit=0, check=_json_on_stdout)
def case_output_dash_is_stdout(tmp: Path, env: Env) -> list[str]:
    return audit_to(tmp, "--json", "-")


def _still_a_fifo(folder: Path, out: str, err: str) -> None:
    import stat
    assert stat.S_ISFIFO(os.lstat(folder / "pipe").st_mode)
    assert (folder / "received").read_text().startswith("{")


@case("output", exit=0, check=_still_a_fifo, may_change=("received",), timeout=60)
def case_output_is_a_fifo_written_in_place(tmp: Path, env: Env) -> list[str]:
    import threading
    pipe = fifo(tmp, "pipe")
    reader = threading.Thread(target=lambda: (tmp / "received").write_bytes(pipe.read_bytes()), daemon=True)
    reader.start()
    env.threads.append(reader)
    return audit_to(tmp, "--json", str(pipe))


def _long_name_written(folder: Path, out: str, err: str) -> None:
    assert (folder / ("r" * 245 + ".json")).stat().st_size > 0


@case("output", exit=0, check=_long_name_written, may_change=("r" * 245 + ".json",))
def case_output_250_byte_name(tmp: Path, env: Env) -> list[str]:
    return audit_to(tmp, "--json", str(tmp / ("r" * 245 + ".json")))


# --- assessor answers -------------------------------------------------------------------------------------

@case("answers", says=("{tmp}/answers.yaml", "named pipe"), timeout=20)
def case_answers_is_a_fifo(tmp: Path, env: Env) -> list[str]:
    fifo(tmp, "answers.yaml")
    return [*AUDIT, str(config(tmp)), "--answers", str(tmp / "answers.yaml")]


@case("answers", says=("{tmp}/answers.yaml:", "decision"))
def case_answers_wrong_types(tmp: Path, env: Env) -> list[str]:
    write(tmp, "answers.yaml", dump({"answers": [{"rule_id": "GDPR-ART37-DPO", "subject": "deployment",
                                                  "decision": True, "answered_by": ["x"],
                                                  "answered_on": 20261120}]}))
    return [*AUDIT, str(config(tmp)), "--answers", str(tmp / "answers.yaml")]


@case("answers", says=("{tmp}/answers.yaml", "same file as the input"))
def case_output_is_the_answers_file(tmp: Path, env: Env) -> list[str]:
    write(tmp, "answers.yaml", dump({"answers": []}))
    return [*AUDIT, str(config(tmp)), "--answers", str(tmp / "answers.yaml"), "--json", str(tmp / "answers.yaml")]


# --- very large deployments in the PDF -------------------------------------------------------------------------

def _pdf_written(name: str) -> Callable[[Path, str, str], None]:
    def check(folder: Path, out: str, err: str) -> None:
        assert (folder / name).read_bytes().startswith(b"%PDF")
    return check


@case("size", exit=0, may_change=("r.pdf",), check=_pdf_written("r.pdf"), timeout=600)
def case_unbreakable_2000_character_names_in_the_pdf(tmp: Path, env: Env) -> list[str]:
    data = deployment()
    data["store"]["name"] = "N" * 2000
    data["cameras"][0]["name"] = "C" * 2000
    data["activities"][0]["name"] = "A" * 2000
    return [*AUDIT, str(config(tmp, data)), "--out", str(tmp / "r.pdf")]


@case("size", says=("{tmp}/store.yaml", "at most 2000 characters"))
def case_a_60000_character_name(tmp: Path, env: Env) -> list[str]:
    data = deployment()
    data["store"]["name"] = "N" * 60_000
    return [*AUDIT, str(config(tmp, data)), "--out", str(tmp / "r.pdf")]


def _pdf_says_what_it_left_out(folder: Path, out: str, err: str) -> None:
    from pypdf import PdfReader
    text = " ".join(page.extract_text() or "" for page in PdfReader(folder / "r.pdf").pages)
    assert "of the 10,000 cameras" in " ".join(text.split())
    import json
    assert len(json.loads((folder / "r.json").read_text())["facts"]["cameras"]) == 10_000


@case("size", exit=0, may_change=("r.pdf", "r.json"), check=_pdf_says_what_it_left_out, timeout=900)
def case_10000_cameras(tmp: Path, env: Env) -> list[str]:
    from auditor.report import textprep
    env.monkeypatch.setattr(textprep, "CAMERAS", 20)      # the same code path as 200, with a shorter PDF
    env.monkeypatch.setattr(textprep, "FINDINGS", 300)
    data = deployment()
    data["cameras"] = [{"id": f"CAM-{i}", "zone": "entrance", "retention_days": 30, "recording": True}
                       for i in range(10_000)]
    data["activities"][0]["cameras"] = [f"CAM-{i}" for i in range(10_000)]
    return [*AUDIT, str(config(tmp, data)), "--out", str(tmp / "r.pdf"), "--json", str(tmp / "r.json")]
