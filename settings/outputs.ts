import type * as pulumi from "@pulumi/pulumi";

/**
 * The SDK's Output, loaded on first need. The settings are data and validation: what only parses them (the docs'
 * checks, the render's own checks, most tests) never meets an Output and so never loads the SDK.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const outputModule = () => require("@pulumi/pulumi/output") as typeof import("@pulumi/pulumi/output");

/** `pulumi.Output.isInstance`. Every Output carries the SDK's `__pulumiOutput` mark, so a value without it needs no SDK to tell. */
export function isOutput(value: unknown): value is pulumi.Output<unknown> {
  return typeof value === "object" && value !== null && "__pulumiOutput" in value && outputModule().Output.isInstance(value);
}

/** `pulumi.secret(text)`. */
export function secretOutput(text: string): pulumi.Output<string> {
  return outputModule().secret(text);
}
