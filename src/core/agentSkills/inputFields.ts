type Schema = Record<string, unknown>;

const code = (s: string) => '`' + s + '`';
/** Table cells hold one line, and a pipe would end the cell. */
const cell = (s: string) => s.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

/** A property's type in words: `string: uncommitted, staged, range`, `array of string`, `integer 1–50`, `object {path, …}`. */
export function describeType(schema: Schema): string {
  const type = typeof schema.type === 'string' ? schema.type : 'any';
  if (Array.isArray(schema.enum)) return `${type}: ${schema.enum.map((v) => code(String(v))).join(', ')}`;
  if (type === 'array') return `array of ${schema.items && typeof schema.items === 'object' ? describeType(schema.items as Schema) : 'any'}`;
  if (type === 'object' && schema.properties && typeof schema.properties === 'object') {
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const fields = Object.entries(schema.properties as Record<string, Schema>).map(([name, p]) => `${name}${required.has(name) ? '' : '?'}: ${describeType(p)}`);
    return `object {${fields.join(', ')}}`;
  }
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  if (min !== undefined && max !== undefined) return `${type} ${min}–${max}`;
  if (min !== undefined) return `${type} ≥ ${min}`;
  return type;
}

/** The input fields of a tool's JSON schema as a Markdown table: name, type, required, description. */
export function inputFieldsTable(inputSchema: Schema): string {
  const properties = (inputSchema.properties ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(inputSchema.required) ? (inputSchema.required as string[]) : []);
  const rows = Object.entries(properties).map(([name, p]) =>
    `| ${code(name)} | ${cell(describeType(p))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(typeof p.description === 'string' ? p.description : '')} |`,
  );
  if (!rows.length) return 'No input fields.';
  return ['| Field | Type | Required | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
