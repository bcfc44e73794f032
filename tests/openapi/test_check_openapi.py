#!/usr/bin/env python3
"""check_openapi.py can fail: a route the document lacks, a documented operation the server lacks,
and an example that does not fit its schema are each reported (exit 1), and docs/openapi.json
itself passes the offline checks (schemas and examples) against its own operations. No server:
the live checks are ServerE2E.OpenApiDocumentMatchesTheServer's."""
import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "check_openapi.py")
DOCUMENT = os.path.join(HERE, "..", "..", "docs", "openapi.json")


def routes_of(document):
    return "".join("%s %s\n" % (method.upper(), path) for path, item in document["paths"].items()
                   for method in item if method in ("get", "put", "post", "delete", "patch", "options"))


class CheckerFails(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(DOCUMENT, encoding="utf-8") as f:
            cls.document = json.load(f)
        cls.routes = routes_of(cls.document)

    def run_checker(self, document, routes):
        with tempfile.TemporaryDirectory() as directory:
            doc_path = os.path.join(directory, "openapi.json")
            routes_path = os.path.join(directory, "routes.txt")
            with open(doc_path, "w", encoding="utf-8") as f:
                json.dump(document, f)
            with open(routes_path, "w", encoding="utf-8") as f:
                f.write(routes)
            run = subprocess.run([sys.executable, CHECKER, "--document", doc_path, "--routes", routes_path],
                                 capture_output=True, text=True, timeout=120)
        return run.returncode, run.stdout + run.stderr

    def test_the_document_passes_against_its_own_operations(self):
        code, output = self.run_checker(self.document, self.routes)
        self.assertEqual(code, 0, output)
        self.assertRegex(output, r"openapi: (\d+) operations documented, \1 routes served, 0 missing, 0 undocumented; \d+ examples valid")

    def test_a_served_route_missing_from_the_document_is_named(self):
        document = copy.deepcopy(self.document)
        del document["paths"]["/api/v1/regions"]["get"]
        code, output = self.run_checker(document, self.routes)
        self.assertEqual(code, 1, output)
        self.assertIn("route not documented: GET /api/v1/regions", output)
        self.assertIn(" 0 missing, 1 undocumented;", output)

    def test_a_documented_operation_the_server_lacks_is_named(self):
        routes = "".join(line + "\n" for line in self.routes.splitlines() if line != "DELETE /api/v1/session")
        code, output = self.run_checker(self.document, routes)
        self.assertEqual(code, 1, output)
        self.assertIn("documented operation not served: DELETE /api/v1/session", output)
        self.assertIn(" 1 missing, 0 undocumented;", output)

    def test_an_extra_server_route_is_named(self):
        code, output = self.run_checker(self.document, self.routes + "POST /api/v1/admin/secret-door\n")
        self.assertEqual(code, 1, output)
        self.assertIn("route not documented: POST /api/v1/admin/secret-door", output)

    def test_a_wrong_example_is_named_with_its_route(self):
        document = copy.deepcopy(self.document)
        healthz = document["paths"]["/healthz"]["get"]["responses"]["200"]["content"]["application/json"]
        healthz["example"] = {"status": "fine", "database": "ok"}
        session = document["paths"]["/api/v1/session"]["post"]["requestBody"]["content"]["application/json"]
        session["examples"] = {"no password": {"value": {"account": "admin"}}}
        code, output = self.run_checker(document, self.routes)
        self.assertEqual(code, 1, output)
        self.assertIn("GET /healthz 200 application/json example", output)
        self.assertIn("POST /api/v1/session request application/json example 'no password'", output)
        self.assertIn("'password' is a required property", output)

    def test_a_wrong_example_inside_a_referenced_schema_is_found(self):
        # The example is valid JSON but breaks a schema reached through $ref (Error -> ErrorDetail).
        document = copy.deepcopy(self.document)
        responses = document["paths"]["/api/v1/surveys/{id}/responses"]["post"]["responses"]
        responses["400"]["content"]["application/json"]["example"] = {
            "error": {"code": "empty_response", "message": "m", "field": "answers", "details": [{"code": "x", "message": "m"}]}}
        code, output = self.run_checker(document, self.routes)
        self.assertEqual(code, 1, output)
        self.assertIn("POST /api/v1/surveys/{id}/responses 400 application/json example", output)
        self.assertIn("'field' is a required property", output)


if __name__ == "__main__":
    unittest.main(verbosity=2)
