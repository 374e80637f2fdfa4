/**
 * The CEL rules of a CRD (`x-kubernetes-validations`) evaluated the way the Kubernetes API server does: `self` is
 * the value at the rule's node after defaulting, integers are CEL ints, objects are maps (so `has()` tests a key),
 * with CEL's standard library, its strings extension and the Kubernetes functions the Gateway API rules use
 * (`isIP`). Transition rules (those reading `oldSelf`) only run on updates and are skipped.
 */
import { isIP as nodeIsIp } from "net";
import { celEnv, celFunc, CelScalar, isCelError, parse, plan } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";

/** Kubernetes' `isIP`: an IPv4 or IPv6 address without a zone. */
const isIp = celFunc("isIP", [CelScalar.STRING], CelScalar.BOOL, (text) => !text.includes("%") && nodeIsIp(text) !== 0);

const environment = celEnv({ funcs: [...strings, isIp] });

type Program = (bindings: { self: unknown }) => unknown;
const programs = new Map<string, Program | Error>();

function compile(rule: string): Program | Error {
  let program = programs.get(rule);
  if (program === undefined) {
    try {
      program = plan(environment, parse(rule)) as unknown as Program;
    } catch (error) {
      program = error instanceof Error ? error : new Error(String(error));
    }
    programs.set(rule, program);
  }
  return program;
}

/** A rule as the CRD states it. */
export interface CelRule {
  readonly rule: string;
  readonly message?: string;
  /** Where the API server reports the failure, relative to the rule's node (`.spec.x`). */
  readonly fieldPath?: string;
}

/** Whether the rule compares against the stored object, which only an update has. */
export function isTransitionRule(rule: CelRule): boolean {
  return /\boldSelf\b/.test(rule.rule);
}

/**
 * Evaluates one rule with `self` bound to a value already converted by `toCelValue`. Undefined when it holds;
 * otherwise what the API server would answer (the rule's message, or the evaluation error).
 */
export function celRuleFailure(rule: CelRule, self: unknown): string | undefined {
  const program = compile(rule.rule);
  if (program instanceof Error) return `the rule does not compile: ${program.message}`;
  const result = program({ self });
  if (isCelError(result)) return `${rule.message ?? rule.rule} (evaluation error: ${result.message})`;
  return result === true ? undefined : (rule.message ?? `failed rule: ${rule.rule}`);
}
