"""A custom import-linter contract: what a package may import of the rest of the project.

import-linter's own contracts forbid a list of modules; participation is allowed a short list
instead (``portal.core`` and other apps' ``services``, ``selectors`` and ``rules``), so that
anything new in another app is closed to it until someone opens it on purpose.
"""

from __future__ import annotations

from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils
from importlinter.domain import helpers


class AllowlistContract(Contract):
    """Source packages may import, of the root packages, only themselves and the allowed ones.

    Configuration: ``source_modules`` (packages), ``allowed_modules`` (module expressions with
    wildcards, each taken as a package), ``ignore_imports`` (optional, each with its reason in a
    comment beside it).
    """

    type_name = "allowlist"

    source_modules = fields.ListField(subfield=fields.ModuleExpressionField())
    allowed_modules = fields.ListField(subfield=fields.ModuleExpressionField())
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=contract_utils.AlertLevel.ERROR,
        )
        sources = helpers.module_expressions_to_modules(
            graph,
            self.source_modules,  # type: ignore[arg-type]
            as_packages=True,
        )
        source_names = set()
        for source in sources:
            source_names.add(source.name)
            source_names |= graph.find_descendants(source.name)
        allowed = set()
        for module in helpers.module_expressions_to_modules(
            graph,
            self.allowed_modules,  # type: ignore[arg-type]
        ):
            allowed.add(module.name)
            allowed |= graph.find_descendants(module.name)
        roots = {name.split(".")[0] for name in graph.modules}
        illegal = sorted(
            (importer, imported)
            for importer in source_names
            for imported in graph.find_modules_directly_imported_by(importer)
            if imported.split(".")[0] in roots
            and imported not in source_names
            and imported not in allowed
        )
        return ContractCheck(
            kept=not illegal,
            warnings=list(removal.warnings),
            metadata={"illegal": illegal},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported in check.metadata["illegal"]:
            output.print_error(f"- {importer} -> {imported} (not on the allow-list)", bold=False)
            output.new_line()
