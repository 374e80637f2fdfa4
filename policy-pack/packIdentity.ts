/** The pack as the engine knows it: its name and version, and the level of a policy that declares none. */
import { readFileSync } from "fs";
import * as path from "path";
import type { EnforcementLevel } from "@pulumi/policy";

export const policyPackName = "istio-mesh";

export const policyPackVersion: string = JSON.parse(readFileSync(path.join(__dirname, "package.json"), "utf8")).version;

/** The level of a policy that declares none (every policy here declares one). */
export const packEnforcementLevel: EnforcementLevel = "mandatory";
