/**
 * Resolves a step input: strings "$task.<field>" and "$<step>.<path>" (dot-separated, numbers
 * index arrays) are looked up in `scope`; other values are kept. A reference that finds nothing
 * leaves its field out, so the skill's own default applies.
 */
export function resolveInput(input: Record<string, unknown>, scope: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const resolved = typeof value === 'string' && value.startsWith('$') ? lookup(scope, value.slice(1)) : value;
    if (resolved !== undefined) out[key] = resolved;
  }
  return out;
}

export function lookup(scope: Record<string, unknown>, reference: string): unknown {
  let current: unknown = scope;
  for (const part of reference.split('.')) {
    // Own properties only: a workflow file's "$edit.__proto__" or "$task.constructor" finds nothing.
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The step ids a step's input refers to (for validation: only earlier steps may be referenced). */
export function referencedSteps(input: Record<string, unknown>): string[] {
  return Object.values(input)
    .filter((v): v is string => typeof v === 'string' && v.startsWith('$'))
    .map((v) => v.slice(1).split('.')[0])
    .filter((id) => id !== 'task');
}
