#!/usr/bin/env python3
"""Checks docs/openapi.json against the server (docs/api.md, "The API, described").

  check_openapi.py --routes ROUTES [--document docs/openapi.json] [--base-url URL --token TOKEN] [--survey ID]

ROUTES is the server's route table, one "METHOD PATTERN" line per route (`courtvoice-server
--print-routes`; "-" reads standard input). Fails (exit 1, one line per problem naming the route) when
  - a route the server has is not in the document, or a documented operation is not a route;
  - a schema is not a valid JSON Schema (2020-12), or an example (parameters, request and response
    bodies, `example` or `examples`) does not validate against its schema, `$ref` resolved in the document;
  - with --base-url: a GET it can call against the running server (path parameters from the seeded
    data: the survey, its version, a court, an account, a KPI) answers a status the document does not
    list, a content type it does not list, or JSON that does not validate against that status's schema.
HEAD is implied by GET (the router answers HEAD wherever GET is), so it is neither required nor refused.
Python 3 standard library plus python3-jsonschema (Debian's 4.10: Draft202012Validator, RefResolver).
"""
import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import warnings

import jsonschema

# Debian 12's python3-jsonschema (4.10) has RefResolver and no `referencing` library; newer releases
# keep RefResolver but warn about it.
warnings.filterwarnings("ignore", category=DeprecationWarning)

METHODS = ("get", "put", "post", "delete", "patch", "options")
DEFAULT_DOCUMENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "openapi.json")


class Checker:
    def __init__(self, document, verbose=False):
        self.doc = document
        self.verbose = verbose
        self.resolver = jsonschema.RefResolver("", document)
        self.problems = []
        self.examples = 0  # valid ones
        self.live = 0
        self.skipped = []

    def fail(self, message):
        self.problems.append(message)

    # ---- $ref into the document -------------------------------------------------------------
    def deref(self, node):
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 20:
            _, node = self.resolver.resolve(node["$ref"])
            seen += 1
        return node

    def operations(self):
        for path, item in sorted(self.doc.get("paths", {}).items()):
            for method in METHODS:
                if method in item:
                    yield method.upper(), path, item[method]

    # ---- (a), (b): the document against the route table --------------------------------------
    def check_routes(self, routes):
        documented = {(m, p) for m, p, _ in self.operations()}
        served = set(routes)
        undocumented = sorted(served - documented)
        missing = sorted(documented - served)
        for method, path in undocumented:
            self.fail("route not documented: %s %s (the server has it, docs/openapi.json does not)" % (method, path))
        for method, path in missing:
            self.fail("documented operation not served: %s %s (in docs/openapi.json, not in the server's routes)" % (method, path))
        return len(documented), len(served), len(missing), len(undocumented)

    # ---- (c): schemas and examples ------------------------------------------------------------
    def validator(self, schema):
        return jsonschema.Draft202012Validator(schema, resolver=self.resolver)

    def check_value(self, where, schema, value):
        errors = sorted(self.validator(schema).iter_errors(value), key=lambda e: list(e.absolute_path))
        for error in errors[:3]:
            at = "/".join(str(p) for p in error.absolute_path) or "(top)"
            self.fail("%s: %s at %s" % (where, error.message[:300], at))
        return not errors

    def check_examples_of(self, where, holder, schema):
        if schema is None:
            return
        if "example" in holder:
            self.examples += self.check_value(where + " example", schema, holder["example"])
        for name, example in (holder.get("examples") or {}).items():
            example = self.deref(example)
            if "value" in example:
                self.examples += self.check_value("%s example %r" % (where, name), schema, example["value"])

    def check_operations(self):
        """What OpenAPI requires of operations: unique operationIds, every {name} of a path declared."""
        seen = {}
        for method, path, operation in self.operations():
            route = "%s %s" % (method, path)
            op_id = operation.get("operationId")
            if op_id in seen:
                self.fail("%s: operationId %s is also %s's" % (route, op_id, seen[op_id]))
            seen[op_id] = route
            declared = {p.get("name") for p in map(self.deref, operation.get("parameters", [])) if p.get("in") == "path"}
            for name in re.findall(r"{([^}]+)}", path):
                if name not in declared:
                    self.fail("%s: path parameter {%s} is not declared" % (route, name))

    def check_schemas(self):
        for name, schema in self.doc.get("components", {}).get("schemas", {}).items():
            try:
                jsonschema.Draft202012Validator.check_schema(schema)
            except jsonschema.SchemaError as error:
                self.fail("components/schemas/%s is not a valid JSON Schema: %s" % (name, error.message))

    def check_examples(self):
        self.check_operations()
        self.check_schemas()
        for method, path, operation in self.operations():
            route = "%s %s" % (method, path)
            for parameter in operation.get("parameters", []):
                parameter = self.deref(parameter)
                self.check_examples_of("%s parameter %s" % (route, parameter.get("name")), parameter, parameter.get("schema"))
            body = self.deref(operation.get("requestBody") or {})
            for media, content in (body.get("content") or {}).items():
                self.check_examples_of("%s request %s" % (route, media), content, content.get("schema"))
            for status, response in operation.get("responses", {}).items():
                response = self.deref(response)
                for media, content in (response.get("content") or {}).items():
                    self.check_examples_of("%s %s %s" % (route, status, media), content, content.get("schema"))
                for header, spec in (response.get("headers") or {}).items():
                    spec = self.deref(spec)
                    self.check_examples_of("%s %s header %s" % (route, status, header), spec, spec.get("schema"))

    # ---- (d): live GET replies ----------------------------------------------------------------
    def request(self, base, path, token):
        request = urllib.request.Request(base.rstrip("/") + path, headers={"Accept-Encoding": "identity"})
        if token:
            request.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                return reply.status, reply.headers.get("Content-Type", ""), reply.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read()

    def get_json(self, base, path, token):
        status, _, body = self.request(base, path, token)
        if status != 200:
            raise RuntimeError("GET %s answered %d: %s" % (path, status, body[:300].decode("utf-8", "replace")))
        return json.loads(body)

    def seeded(self, base, token, survey):
        """Values for path parameters, from what the server holds."""
        values = {}
        surveys = self.get_json(base, "/api/v1/admin/surveys", token)["surveys"]
        published = [s for s in surveys if s["status"] == "published" and (survey is None or s["survey_id"] == survey)]
        if published:
            values["survey"] = published[0]["survey_id"]
            values["version"] = str(published[0]["version"])
        courts = self.get_json(base, "/api/v1/courts", None)
        if courts:
            values["court"] = courts[0]["code"]
        accounts = self.get_json(base, "/api/v1/admin/accounts", token)["accounts"]
        if accounts:
            values["account"] = accounts[0]["name"]
        kpis = self.get_json(base, "/api/v1/admin/kpis", token)["kpis"]
        if kpis:
            values["kpi"] = kpis[0]["id"]
        return values

    @staticmethod
    def kind_of(path, name):
        if name in ("id", "surveyId", "survey"):
            return "kpi" if path.startswith("/api/v1/admin/kpis/") else "survey"
        return {"v": "version", "court": "court", "name": "account"}.get(name)

    def live_path(self, path, operation, values):
        """The path with its parameters filled and the required query parameters (their examples), or None."""
        filled = path
        query = []
        for parameter in operation.get("parameters", []):
            parameter = self.deref(parameter)
            name = parameter["name"]
            if parameter["in"] == "path":
                kind = self.kind_of(path, name)
                value = values.get(kind) if kind else parameter.get("example")
                if value is None:
                    return None
                filled = filled.replace("{%s}" % name, urllib.parse.quote(str(value), safe=""))
            elif parameter["in"] == "query" and parameter.get("required"):
                example = parameter.get("example")
                for value in example if isinstance(example, list) else [example]:
                    query.append((name, str(value)))
        return filled + ("?" + urllib.parse.urlencode(query) if query else "")

    def check_reply(self, route, operation, target, status, content_type, body):
        if self.verbose:
            print("openapi: live GET %s -> %d %s" % (target, status, content_type.split(";")[0]))
        responses = operation.get("responses", {})
        response = responses.get(str(status)) or responses.get("default")
        if response is None:
            self.fail("%s: GET %s answered %d, which the document does not list (%s)" % (route, target, status, ", ".join(sorted(responses))))
            return
        response = self.deref(response)
        content = response.get("content") or {}
        media = content_type.split(";")[0].strip().lower()
        if not content:
            if body:
                self.fail("%s: GET %s answered %d with a %s body, the document lists none" % (route, target, status, media or "typeless"))
            else:
                self.live += 1
            return
        if media not in content:
            self.fail("%s: GET %s answered %d as %s, the document lists %s" % (route, target, status, media, ", ".join(sorted(content))))
            return
        schema = content[media].get("schema")
        if media == "application/json" or media.endswith("+json"):
            try:
                value = json.loads(body)
            except ValueError as error:
                self.fail("%s: GET %s answered %d with JSON that does not parse: %s" % (route, target, status, error))
                return
            if schema is not None and not self.check_value("%s: GET %s reply %d" % (route, target, status), schema, value):
                return
        self.live += 1

    def check_live(self, base, token, survey):
        values = self.seeded(base, token, survey)
        for method, path, operation in self.operations():
            if method != "GET":
                continue
            route = "GET " + path
            target = self.live_path(path, operation, values)
            if target is None:
                self.skipped.append(route)
                continue
            needs_token = bool(operation.get("security", self.doc.get("security", [])))
            status, content_type, body = self.request(base, target, token if needs_token else None)
            self.check_reply(route, operation, target, status, content_type, body)
        # Other shapes of some replies (weighted figures, months, CSV), and two error replies against
        # their statuses' schemas: the public read of no survey, an administrative read without credentials.
        survey = urllib.parse.quote(values.get("survey", "no-such-survey-openapi"), safe="")
        for path, target, token_used in (
                ("/api/v1/admin/surveys/{id}/summary", "/api/v1/admin/surveys/%s/summary?weights=on&group=court&lang=en" % survey, token),
                ("/api/v1/admin/surveys/{id}/summary", "/api/v1/admin/surveys/%s/summary?format=csv" % survey, token),
                ("/api/v1/admin/surveys/{id}/trend", "/api/v1/admin/surveys/%s/trend?period=month&lang=kk" % survey, token),
                ("/api/v1/admin/kpis/values", "/api/v1/admin/kpis/values?format=csv", token),
                ("/api/v1/surveys/{id}", "/api/v1/surveys/no-such-survey-openapi", None),
                ("/api/v1/admin/surveys", "/api/v1/admin/surveys", None)):
            operation = self.doc["paths"].get(path, {}).get("get")
            if operation is not None:
                status, content_type, body = self.request(base, target, token_used)
                self.check_reply("GET " + path, operation, target, status, content_type, body)


def read_routes(name):
    text = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()
    routes = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2 or not parts[1].startswith("/"):
            raise SystemExit("check_openapi: %s line %d is not 'METHOD PATTERN': %r" % (name, number, line))
        routes.append((parts[0].upper(), parts[1]))
    return routes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--document", default=DEFAULT_DOCUMENT, help="the OpenAPI document (default: docs/openapi.json)")
    parser.add_argument("--routes", required=True, help="the server's route table: 'METHOD PATTERN' lines (courtvoice-server --print-routes); - for stdin")
    parser.add_argument("--base-url", help="a running server, for the live GET checks (e.g. http://127.0.0.1:8080)")
    parser.add_argument("--token", help="an administrator's bearer token for the live checks")
    parser.add_argument("--survey", help="the survey the live checks read (default: the first published one)")
    parser.add_argument("--verbose", action="store_true", help="print each live request and its status")
    args = parser.parse_args(argv)
    if args.base_url and not args.token:
        parser.error("--base-url needs --token (an administrator's bearer token)")

    with open(args.document, encoding="utf-8") as f:
        document = json.load(f)
    checker = Checker(document, args.verbose)
    if not str(document.get("openapi", "")).startswith("3.1."):
        checker.fail("the document is not OpenAPI 3.1 (openapi: %r)" % document.get("openapi"))
    documented, served, missing, undocumented = checker.check_routes(read_routes(args.routes))
    checker.check_examples()
    live = ""
    if args.base_url:
        try:
            checker.check_live(args.base_url, args.token, args.survey)
        except (OSError, RuntimeError, KeyError, ValueError) as error:
            checker.fail("live checks could not run: %s" % error)
        live = "; %d live replies valid" % checker.live
        if checker.skipped:
            live += " (%d skipped, nothing seeded for them: %s)" % (len(checker.skipped), ", ".join(checker.skipped))

    for problem in checker.problems:
        print("openapi: FAIL " + problem)
    print("openapi: %d operations documented, %d routes served, %d missing, %d undocumented; %d examples valid%s%s" % (
        documented, served, missing, undocumented,
        checker.examples, live,
        "; %d problems" % len(checker.problems) if checker.problems else ""))
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
