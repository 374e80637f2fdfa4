/**
 * The Gateway API standard channel's schemas (see gatewayApiSchemaFile.ts), loaded once, and the validation of an
 * object against the schema of its `apiVersion` and `kind`: a kind or version the standard channel does not
 * serve, a field it does not declare (experimental-channel fields among them), a schema constraint or a CEL rule.
 */
import * as fs from "fs";
import * as path from "path";
import { gatewayApiSchemaFile } from "./gatewayApiSchemaFile";
import { type SchemaNode, type SchemaProblem, structuralProblems } from "./structuralSchema";

let schemas: ReadonlyMap<string, SchemaNode> | undefined;

/** `<group>/<version>/<Kind>` → schema, from the pack's schema file. */
export function gatewayApiSchemas(): ReadonlyMap<string, SchemaNode> {
  if (schemas === undefined) {
    const file = JSON.parse(fs.readFileSync(path.join(__dirname, "..", gatewayApiSchemaFile), "utf8")) as { schemas: Record<string, SchemaNode> };
    schemas = new Map(Object.entries(file.schemas));
  }
  return schemas;
}

/** Every problem of a Gateway API object (`apiVersion`, `kind`, `metadata`, `spec`), as the API server with the standard-channel CRDs would see it. */
export function gatewayApiSchemaProblems(object: Record<string, unknown>): SchemaProblem[] {
  const key = `${String(object.apiVersion)}/${String(object.kind)}`;
  const schema = gatewayApiSchemas().get(key);
  if (schema === undefined) {
    return [{ path: "apiVersion", value: object.apiVersion, problem: `${key} is not served by the standard channel of the Gateway API` }];
  }
  return structuralProblems(object, schema);
}
