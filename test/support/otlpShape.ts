/**
 * A strict check of an OTLP/HTTP JSON ExportLogsServiceRequest (opentelemetry-proto logs.proto and
 * common.proto, docs/specification.md "JSON Protobuf Encoding"). Stricter than a real collector on
 * purpose, to pin our encoder down: 64-bit integers must be decimal strings (a collector also takes
 * numbers), and unknown or snake_case keys are errors (a collector ignores unknown keys).
 * Returns the problems found, each with its JSON path; none means valid.
 */

type Json = unknown;

const DECIMAL = /^\d+$/;
const SIGNED_DECIMAL = /^-?\d+$/;
const VALUE_FIELDS = ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'];
const LOG_RECORD_FIELDS = [
  'timeUnixNano',
  'observedTimeUnixNano',
  'severityNumber',
  'severityText',
  'body',
  'attributes',
  'droppedAttributesCount',
  'flags',
  'traceId',
  'spanId',
  'eventName',
];

export function otlpLogsProblems(request: Json): string[] {
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`${path}: ${message}`);

  const object = (value: Json, path: string, allowed: string[]): Record<string, Json> | undefined => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      at(path, 'must be an object');
      return undefined;
    }
    for (const key of Object.keys(value)) if (!allowed.includes(key)) at(`${path}.${key}`, key.includes('_') ? 'snake_case key; OTLP JSON uses lowerCamelCase' : 'unknown field');
    return value as Record<string, Json>;
  };
  const array = (value: Json, path: string, nonEmpty: boolean): Json[] => {
    if (!Array.isArray(value)) {
      at(path, 'must be an array');
      return [];
    }
    if (nonEmpty && value.length === 0) at(path, 'must not be empty');
    return value;
  };
  const string = (value: Json, path: string, pattern?: RegExp, what = 'a string') => {
    if (typeof value !== 'string' || (pattern && !pattern.test(value))) at(path, `must be ${what}, got ${JSON.stringify(value)}`);
  };
  const integer = (value: Json, path: string, min: number, max: number) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) at(path, `must be an integer ${min}..${max} (enums are integers), got ${JSON.stringify(value)}`);
  };

  const anyValue = (value: Json, path: string): void => {
    const o = object(value, path, VALUE_FIELDS);
    if (!o) return;
    const present = VALUE_FIELDS.filter((field) => o[field] !== undefined);
    if (present.length !== 1) return void at(path, `must hold exactly one of ${VALUE_FIELDS.join('/')}, has ${present.length ? present.join(', ') : 'none'}`);
    const field = present[0];
    const item = o[field];
    const where = `${path}.${field}`;
    if (field === 'stringValue') string(item, where);
    else if (field === 'boolValue' && typeof item !== 'boolean') at(where, 'must be a boolean');
    else if (field === 'intValue') string(item, where, SIGNED_DECIMAL, 'an int64 as a decimal string');
    else if (field === 'doubleValue' && typeof item !== 'number' && !['NaN', 'Infinity', '-Infinity'].includes(item as string)) at(where, 'must be a number');
    else if (field === 'bytesValue') string(item, where, /^[A-Za-z0-9+/]*={0,2}$/, 'base64');
    else if (field === 'arrayValue') {
      const list = object(item, where, ['values']);
      if (list && list.values !== undefined) array(list.values, `${where}.values`, false).forEach((v, i) => anyValue(v, `${where}.values[${i}]`));
    } else if (field === 'kvlistValue') {
      const list = object(item, where, ['values']);
      if (list && list.values !== undefined) keyValues(list.values, `${where}.values`);
    }
  };
  const keyValues = (value: Json, path: string): void => {
    const seen = new Set<string>();
    array(value, path, false).forEach((kv, i) => {
      const o = object(kv, `${path}[${i}]`, ['key', 'value']);
      if (!o) return;
      string(o.key, `${path}[${i}].key`, /./, 'a non-empty string');
      if (typeof o.key === 'string' && seen.has(o.key)) at(`${path}[${i}].key`, `duplicate key "${o.key}"`);
      seen.add(o.key as string);
      if (o.value === undefined) at(`${path}[${i}].value`, 'missing');
      else anyValue(o.value, `${path}[${i}].value`);
    });
  };
  const logRecord = (value: Json, path: string): void => {
    const o = object(value, path, LOG_RECORD_FIELDS);
    if (!o) return;
    for (const field of ['timeUnixNano', 'observedTimeUnixNano']) {
      if (o[field] === undefined) at(`${path}.${field}`, 'missing');
      else string(o[field], `${path}.${field}`, DECIMAL, 'a fixed64 as a decimal string');
    }
    if (o.severityNumber !== undefined) integer(o.severityNumber, `${path}.severityNumber`, 0, 24);
    if (o.severityText !== undefined) string(o.severityText, `${path}.severityText`);
    if (o.eventName !== undefined) string(o.eventName, `${path}.eventName`);
    if (o.body !== undefined) anyValue(o.body, `${path}.body`);
    if (o.attributes !== undefined) keyValues(o.attributes, `${path}.attributes`);
    if (o.droppedAttributesCount !== undefined) integer(o.droppedAttributesCount, `${path}.droppedAttributesCount`, 0, 2 ** 32 - 1);
    if (o.flags !== undefined) integer(o.flags, `${path}.flags`, 0, 2 ** 32 - 1);
    if (o.traceId !== undefined) string(o.traceId, `${path}.traceId`, /^[0-9a-fA-F]{32}$/, '16 bytes in hex');
    if (o.spanId !== undefined) string(o.spanId, `${path}.spanId`, /^[0-9a-fA-F]{16}$/, '8 bytes in hex');
  };

  const root = object(request, '$', ['resourceLogs']);
  if (!root) return problems;
  array(root.resourceLogs, '$.resourceLogs', true).forEach((rl, i) => {
    const path = `$.resourceLogs[${i}]`;
    const o = object(rl, path, ['resource', 'scopeLogs', 'schemaUrl']);
    if (!o) return;
    if (o.resource !== undefined) {
      const resource = object(o.resource, `${path}.resource`, ['attributes', 'droppedAttributesCount', 'entityRefs']);
      if (resource?.attributes !== undefined) keyValues(resource.attributes, `${path}.resource.attributes`);
    }
    if (o.schemaUrl !== undefined) string(o.schemaUrl, `${path}.schemaUrl`);
    array(o.scopeLogs, `${path}.scopeLogs`, true).forEach((sl, j) => {
      const scopePath = `${path}.scopeLogs[${j}]`;
      const s = object(sl, scopePath, ['scope', 'logRecords', 'schemaUrl']);
      if (!s) return;
      if (s.scope !== undefined) {
        const scope = object(s.scope, `${scopePath}.scope`, ['name', 'version', 'attributes', 'droppedAttributesCount']);
        if (scope?.name !== undefined) string(scope.name, `${scopePath}.scope.name`);
        if (scope?.version !== undefined) string(scope.version, `${scopePath}.scope.version`);
        if (scope?.attributes !== undefined) keyValues(scope.attributes, `${scopePath}.scope.attributes`);
      }
      array(s.logRecords, `${scopePath}.logRecords`, true).forEach((record, k) => logRecord(record, `${scopePath}.logRecords[${k}]`));
    });
  });
  return problems;
}
