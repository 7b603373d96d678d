"""``GET /api/validation``: the completeness report of the served store, as JSON.

The report is computed when the data is built (``procgraph build``) or by
``procgraph validate --save``, and kept in the store directory as ``validation.json``; this
router only reads that file. Validation runs a few dozen queries and builds a report in
Python, so answering it per request would tie up query workers and could exceed the
endpoint's deadline on large data; the store is read-only while served, so the saved report
stays current. Without a saved report (a store filled by ``procgraph load``, or a remote
store) the answer is 404 with the command that makes one.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from procgraph.validate import REPORT_FILE, load_saved_report
from procgraph.validate.figures import figures, sentence

PATH = "/api/validation"


def _missing(message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=404)


def build_router() -> APIRouter:
    """The router serving the saved validation report."""
    router = APIRouter()

    @router.get(PATH)
    def validation_report(request: Request):
        settings = request.app.state.settings
        if settings.store_path is None:
            return _missing("no validation report for a remote store; run 'procgraph validate FILE' on an export")
        try:
            report = load_saved_report(settings.store_path)
        except (OSError, ValueError) as exc:
            return JSONResponse({"error": f"the saved report {REPORT_FILE} cannot be read: {exc}"}, status_code=500)
        if report is None:
            return _missing(
                f"no validation report stored with this store; "
                f"run: procgraph validate --store {settings.store_path} --save"
            )
        report.setdefault("figures", figures(report.get("elements", [])))
        report.setdefault("figures_text", sentence(report["figures"]))
        return JSONResponse(report, headers={"Cache-Control": "no-cache"})

    return router
