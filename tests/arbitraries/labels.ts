import fc from "fast-check";

/**
 * Lower-case labels, drawn as `fc.stringMatching` draws their patterns (each character class as likely as the
 * others, so dashes are common), but built from plain arbitraries: compiling a pattern costs about 20 ms in
 * every test file that loads it, drawing from either costs the same.
 */
const range = (from: string, to = from) => fc.integer({ min: from.charCodeAt(0), max: to.charCodeAt(0) }).map((code) => String.fromCharCode(code));
const lower = range("a", "z");
const lowerOrDigit = fc.oneof(lower, range("0", "9"));
const lowerDigitOrDash = fc.oneof(lower, range("0", "9"), range("-"));

/** `^[a-z][a-z0-9-]{0,maxInner}[a-z0-9]$`: a DNS-1123 label of 2 to maxInner + 2 characters. */
export function dashedLabel(maxInner: number): fc.Arbitrary<string> {
  return fc.tuple(lower, fc.string({ unit: lowerDigitOrDash, maxLength: maxInner }), lowerOrDigit).map(([first, inner, last]) => first + inner + last);
}

/** `^[a-z][a-z0-9]{minRest,maxRest}$`. */
export function alphanumericLabel(minRest: number, maxRest: number): fc.Arbitrary<string> {
  return fc.tuple(lower, fc.string({ unit: lowerOrDigit, minLength: minRest, maxLength: maxRest })).map(([first, rest]) => first + rest);
}
