// The baseline of io.hectiqlab.bench.CliTiming: validates JSON/YAML config files against a JSON
// Schema (draft 2020-12) with ajv, reporting every error of every file and a summary, like
// `hectiqlab validate`. Usage: node ajv-validate.js TEMPLATE FILE|DIR...
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020').default;
const yaml = require('js-yaml');

const [templatePath, ...inputs] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: false });
const dir = path.dirname(templatePath);
for (const name of fs.readdirSync(dir)) {
  const file = path.join(dir, name);
  if (name.endsWith('.json') && path.resolve(file) !== path.resolve(templatePath)) {
    ajv.addSchema(JSON.parse(fs.readFileSync(file, 'utf8')));
  }
}
const validate = ajv.compile(JSON.parse(fs.readFileSync(templatePath, 'utf8')));

function expand(p, out) {
  if (fs.statSync(p).isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) expand(path.join(p, name), out);
  } else if (/\.(json|ya?ml)$/.test(p)) {
    out.push(p);
  }
  return out;
}

const files = inputs.reduce((all, p) => expand(p, all), []);
let invalid = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  let doc;
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : yaml.load(text);
  } catch (e) {
    invalid++;
    console.log(`${file}: ${e.message.split('\n')[0]}`);
    continue;
  }
  if (!validate(doc)) {
    invalid++;
    for (const e of validate.errors) console.log(`${file}: ${e.instancePath || '(root)'}: ${e.message}`);
  }
}
console.log(`${files.length - invalid} valid, ${invalid} invalid, ${files.length} files`);
process.exit(invalid ? 1 : 0);
