// Validates every Camunda Modeler element template in element-templates/ against the official Zeebe element
// template JSON schema (@camunda/zeebe-element-templates-json-schema, through @bpmn-io/element-templates-validator).
// Prints file:line:column, the JSON path and the schema's message for each problem; exits 1 if there is any.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateZeebe } from '@bpmn-io/element-templates-validator';

const ZEEBE_SCHEMA = 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';
const root = fileURLToPath(new URL('..', import.meta.url));
const folder = join(root, 'element-templates');

const files = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();
const problems = [];
const seen = new Map();

// The validator reports the schema's "FEEL value without a leading =" deprecation for every FEEL-required value,
// also for values that do start with "=" (it emits the annotation of a oneOf branch that did not match). Keep the
// warning only when the value really lacks the "=".
function isFalseDeprecation(template, warning) {
  if (!/\/properties\/value\/oneOf\/1\/deprecated$/.test(warning.schemaPath || '')) {
    return false;
  }
  const value = (warning.instancePath || '').split('/').slice(1)
    .reduce((node, key) => (node == null ? node : node[key.replace(/~1/g, '/').replace(/~0/g, '~')]), template);
  return typeof value === 'string' && value.startsWith('=');
}

function report(file, pointer, path, message) {
  const where = pointer ? `:${pointer.line + 1}:${pointer.column + 1}` : '';
  problems.push(`${relative(root, file)}${where} ${path || '/'}: ${message}`);
}

for (const name of files) {
  const file = join(folder, name);
  const text = readFileSync(file, 'utf8');
  let template;
  try {
    template = JSON.parse(text);
  } catch (e) {
    report(file, null, '', `not valid JSON: ${e.message}`);
    continue;
  }
  if (template.$schema !== ZEEBE_SCHEMA) {
    report(file, null, '/$schema', `must be ${ZEEBE_SCHEMA} (Camunda 8 templates), was ${template.$schema}`);
  }
  const key = `${template.id}@${template.version}`;
  if (seen.has(key)) {
    report(file, null, '/id', `template ${key} is also defined in ${seen.get(key)}`);
  }
  seen.set(key, name);

  const { valid, errors, warnings } = validateZeebe(text);
  for (const error of valid ? [] : errors) {
    report(file, error.dataPointer && error.dataPointer.value, error.dataPath || error.instancePath, error.message);
  }
  for (const warning of (warnings || []).filter((w) => !isFalseDeprecation(template, w))) {
    report(file, warning.dataPointer && warning.dataPointer.value, warning.dataPath || warning.instancePath,
      `(deprecated) ${warning.message}`);
  }
}

if (files.length === 0) {
  problems.push('element-templates/: no *.json element template found');
}
if (problems.length > 0) {
  console.error(`Element template validation failed (${problems.length} problem(s)):`);
  for (const problem of problems) {
    console.error(`  ${problem}`);
  }
  process.exit(1);
}
console.log(`${files.length} element templates valid against the Zeebe element template schema`);
