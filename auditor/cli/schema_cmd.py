"""`auditor schema`: print the JSON Schema of deployment files (for editors and the YAML language server)."""

from __future__ import annotations

import argparse
import json

from auditor.cli import ExitCode


def schema_text() -> str:
    from auditor.core.deployment import deployment_json_schema    # pydantic: loaded only for this command

    return json.dumps(deployment_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of deployment files",
                       description="Print the JSON Schema of deployment files. The same schema ships as "
                                   "schemas/deployment.schema.json; point your editor's YAML language server "
                                   "at it (# yaml-language-server: $schema=...).")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    print(schema_text(), end="")
    return ExitCode.OK
