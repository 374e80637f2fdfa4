// google-protobuf's struct_pb with linear `fromJavaScript` (scripts/offline/linearStructs.ts), as the render uses it;
// tests/support/jestResolver.js sends every require of struct_pb here.
const structPb = require(require.resolve("google-protobuf/google/protobuf/struct_pb.js"));
const { linearStructs } = require("../../../scripts/offline/linearStructs");

linearStructs(structPb, require("google-protobuf").typeOf);
module.exports = structPb;
