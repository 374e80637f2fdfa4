import { PolicyPack } from "@pulumi/policy";
import { packEnforcementLevel, policies, policyPackName } from "./policies";

new PolicyPack(policyPackName, { policies, enforcementLevel: packEnforcementLevel });
