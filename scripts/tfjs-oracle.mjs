// Runs a TF.js graph model with TF.js itself (pure-JavaScript CPU backend): the parity oracle of
// Sieve's Java runtime (dev.sieve.nn.tfjs). Called by scripts/tfjs-oracle, which installs TF.js.
//
//   node tfjs-oracle.mjs MODEL.json INPUT.f32 D0,D1,... OUTDIR NAME...
//
// INPUT.f32 holds the input tensor as little-endian float32 in row-major order of shape D0,D1,...;
// for each output NAME (a graph node, optionally NAME:i) it writes OUTDIR/<k>.f32 (float32 LE) and
// OUTDIR/<k>.shape (comma-separated), k = 0, 1, ... in the order given.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel } from '@tensorflow/tfjs-converter';

const [modelJson, inputFile, dims, outDir, ...names] = process.argv.slice(2);
if (!names.length) {
  console.error('usage: node tfjs-oracle.mjs MODEL.json INPUT.f32 D0,D1,... OUTDIR NAME...');
  process.exit(2);
}
await tf.setBackend('cpu');
const json = JSON.parse(fs.readFileSync(modelJson, 'utf8'));
const dir = path.dirname(modelJson);
const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
const shards = json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
const weightData = new Uint8Array(Buffer.concat(shards)).buffer;
const model = await loadGraphModel({
  load: async () => ({
    modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy,
    convertedBy: json.convertedBy, signature: json.signature, userDefinedMetadata: json.userDefinedMetadata,
    weightSpecs, weightData,
  }),
});
const shape = dims.split(',').map(Number);
const raw = fs.readFileSync(inputFile);
const input = tf.tensor(new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4), shape, 'float32');
let outs = model.execute(input, names);
if (!Array.isArray(outs)) outs = [outs];
fs.mkdirSync(outDir, { recursive: true });
for (let k = 0; k < outs.length; k++) {
  const data = Float32Array.from(await outs[k].data());
  fs.writeFileSync(path.join(outDir, `${k}.f32`), Buffer.from(data.buffer));
  fs.writeFileSync(path.join(outDir, `${k}.shape`), outs[k].shape.join(','));
}
