/**
 * The documents of a large YAML file of ../shared/reference (CRD files of about a megabyte each), as plain objects.
 * `yaml` takes about a second for one of them, in every test file that reads it; the documents are kept as JSON in
 * node_modules/.cache/reference-yaml/ under the hash of the file's text and the parser's version, so a file is
 * parsed once per checkout, and a changed file (or parser) is parsed anew.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";

const cacheDir = path.resolve(__dirname, "../../node_modules/.cache/reference-yaml");
const parserVersion = (JSON.parse(fs.readFileSync(require.resolve("yaml/package.json"), "utf8")) as { version: string }).version;

export function yamlDocuments(file: string): unknown[] {
  const text = fs.readFileSync(file, "utf8");
  const cached = path.join(cacheDir, `${createHash("sha256").update(`yaml ${parserVersion}\n`).update(text).digest("hex")}.json`);
  if (fs.existsSync(cached)) return JSON.parse(fs.readFileSync(cached, "utf8")) as unknown[];
  const documents = parseAllDocuments(text).map((document) => document.toJS() as unknown);
  // Written aside and renamed: another jest worker reads a whole file or none.
  fs.mkdirSync(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}`;
  fs.writeFileSync(partial, JSON.stringify(documents));
  fs.renameSync(partial, cached);
  return documents;
}
