import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";

/**
 * A file the user gave or wrote that the tools cannot use (broken YAML, unreadable, a file where a folder belongs):
 * a config or usage error, printed as one line that names the file (and for YAML the line and column), never as a
 * stack trace.
 */
export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigFileError";
  }
}

/** A path as the user would type it: relative to the working directory where it lies below it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

const readProblems: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a folder, not a file",
  ENOTDIR: "a part of its path is a file, not a folder",
};

/** The text of a file, or a ConfigFileError saying why it cannot be read. */
export function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new ConfigFileError(`${displayPath(file)}: cannot read it: ${readProblems[code] ?? (error as Error).message}${code ? ` (${code})` : ""}`);
  }
}

/** A YAML file as plain data; a syntax error (duplicate keys included) names the file, line and column. */
export function readYamlFile(file: string): unknown {
  const document = parseDocument(readTextFile(file));
  const [error] = document.errors;
  if (error !== undefined) {
    const position = error.linePos?.[0];
    const where = position === undefined ? "" : `:${position.line}:${position.col}`;
    const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new ConfigFileError(`${displayPath(file)}${where}: invalid YAML: ${message}`);
  }
  return document.toJS();
}
