import fc from "fast-check";
import { ListValue, Struct, Value } from "google-protobuf/google/protobuf/struct_pb";
import * as structPb from "google-protobuf/google/protobuf/struct_pb";
import { originalFromJavaScript } from "../../scripts/offline/linearStructs";
import { propertyRuns } from "../arbitraries/runs";

// struct_pb comes through tests/support/deferred/struct_pb.js here, as in every test: patched, with the originals kept.
const original = originalFromJavaScript(structPb);

/** What the SDK serializes: JSON-like values, with the doubles JSON cannot carry, at any depth. */
const { value: jsValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
  ),
}));
const jsObject = fc.dictionary(fc.string(), jsValue, { maxKeys: 6 });

const bytes = (message: { serializeBinary(): Uint8Array }) => Buffer.from(message.serializeBinary());

describe("linear Struct.fromJavaScript (scripts/offline/linearStructs.ts)", () => {
  it("is installed, with google-protobuf's own functions kept", () => {
    expect(original).toBeDefined();
    expect(Struct.fromJavaScript).not.toBe(original?.Struct);
  });

  it("builds the same Struct as google-protobuf's: same array form, bytes and JavaScript value", () => {
    let runs = 0;
    fc.assert(
      fc.property(jsObject, (object) => {
        runs += 1;
        const expected = original?.Struct(object) as Struct;
        const actual = Struct.fromJavaScript(object);
        expect(actual.toArray()).toEqual(expected.toArray());
        expect(bytes(actual)).toEqual(bytes(expected));
        expect(actual.toJavaScript()).toEqual(expected.toJavaScript());
      }),
      propertyRuns,
    );
    expect(runs).toBeGreaterThanOrEqual(100);
  });

  it("builds the same Value and ListValue", () => {
    fc.assert(
      fc.property(jsValue, fc.array(jsValue, { maxLength: 5 }), (value, list) => {
        expect(bytes(Value.fromJavaScript(value))).toEqual(bytes(original?.Value(value) as Value));
        expect(Value.fromJavaScript(value).toJavaScript()).toEqual((original?.Value(value) as Value).toJavaScript());
        expect(bytes(ListValue.fromJavaScript(list))).toEqual(bytes(original?.ListValue(list) as ListValue));
      }),
      propertyRuns,
    );
  });

  it("refuses what google-protobuf refuses, with its message", () => {
    for (const bad of [undefined, () => 1, Symbol("s"), BigInt(1)]) {
      expect(() => original?.Struct({ key: bad as never })).toThrow("Unexpected struct type.");
      expect(() => Struct.fromJavaScript({ key: bad as never })).toThrow("Unexpected struct type.");
    }
  });

  it("keeps a Struct built once the same when attached to a request, as the SDK attaches it", () => {
    const object = { values: { a: [1, { b: [null, "x", { c: true }] }], d: { e: { f: { g: -0 } } } } };
    const request = new Value();
    request.setStructValue(Struct.fromJavaScript(object));
    const expected = new Value();
    expected.setStructValue(original?.Struct(object) as Struct);
    expect(bytes(request)).toEqual(bytes(expected));
    expect(request.toJavaScript()).toEqual(object);
  });
});
