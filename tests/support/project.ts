import * as path from "path";

/** The repository root; nothing here loads the program or the SDK. */
export const projectDir = path.resolve(__dirname, "../..");
export const stacks = ["dev", "staging", "prod"] as const;
