/**
 * Feedback events as an OTLP ExportLogsServiceRequest in the OTLP/HTTP JSON Protobuf Encoding
 * (opentelemetry-proto docs/specification.md): lowerCamelCase keys, 64-bit integers (fixed64 times,
 * int64 intValue) as decimal strings, enums as integers, and AnyValue objects with exactly one value field.
 * Each event is one LogRecord whose body is the event's JSON line.
 */
import type { FeedbackEvent, Label } from './feedbackTypes';

export type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  /** proto3 JSON writes non-finite doubles as the strings "NaN", "Infinity", "-Infinity". */
  | { doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } };

export interface KeyValue {
  key: string;
  value: AnyValue;
}

export interface LogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  eventName: string;
  body: AnyValue;
  attributes: KeyValue[];
}

export interface ExportLogsServiceRequest {
  resourceLogs: Array<{
    resource: { attributes: KeyValue[] };
    scopeLogs: Array<{ scope: { name: string; version: string }; logRecords: LogRecord[] }>;
  }>;
}

export interface OtlpResourceOptions {
  /** service.version, e.g. the extension's version. */
  serviceVersion?: string;
  /** Further resource attributes an organisation sets, e.g. { "deployment.environment": "dev", "team": "web" }. */
  attributes?: Record<string, string>;
}

export const OTLP_SCOPE = { name: 'atomic-skills.feedback', version: '1' } as const;
const SEVERITY_NUMBER_INFO = 9;

export function encodeLogsRequest(
  events: readonly FeedbackEvent[],
  /** The events' JSON lines as queued (the bodies); JSON.stringify(event) when absent. */
  lines: readonly string[] | undefined,
  observedMs: number,
  resource: OtlpResourceOptions = {},
): ExportLogsServiceRequest {
  const resourceAttributes: KeyValue[] = [{ key: 'service.name', value: { stringValue: 'atomic-skills' } }];
  if (resource.serviceVersion) resourceAttributes.push({ key: 'service.version', value: { stringValue: resource.serviceVersion } });
  for (const [key, value] of Object.entries(resource.attributes ?? {})) {
    if (key !== 'service.name' && !(key === 'service.version' && resource.serviceVersion)) resourceAttributes.push({ key, value: { stringValue: String(value) } });
  }
  const observed = msToUnixNano(observedMs);
  const logRecords = events.map((event, i) => logRecordOf(event, lines?.[i] ?? JSON.stringify(event), observed));
  return { resourceLogs: [{ resource: { attributes: resourceAttributes }, scopeLogs: [{ scope: { ...OTLP_SCOPE }, logRecords }] }] };
}

export function logRecordOf(event: FeedbackEvent, line: string, observedTimeUnixNano: string): LogRecord {
  const time = Date.parse(event.time);
  return {
    timeUnixNano: Number.isNaN(time) ? '0' : msToUnixNano(time),
    observedTimeUnixNano,
    severityNumber: SEVERITY_NUMBER_INFO,
    severityText: 'INFO',
    eventName: `atomic_skills.feedback.${event.type}`,
    body: { stringValue: line },
    attributes: attributesOf(event),
  };
}

function attributesOf(event: FeedbackEvent): KeyValue[] {
  const attributes: Record<string, unknown> = {
    'atomic_skills.event.type': event.type,
    'atomic_skills.event.id': event.id,
    'atomic_skills.session.id': event.session,
    'atomic_skills.schema_version': event.v,
  };
  if (event.type === 'record') {
    Object.assign(attributes, {
      'atomic_skills.record.id': event.id,
      'atomic_skills.skill': event.skill,
      'atomic_skills.surface': event.surface,
      'atomic_skills.level': event.level,
      'atomic_skills.model.backend': event.model?.backend,
      'atomic_skills.model.name': event.model?.model,
      'atomic_skills.workflow.name': event.step?.workflow,
      'atomic_skills.workflow.run_id': event.step?.runId,
      'atomic_skills.workflow.step_index': event.step?.index,
      'atomic_skills.previous_attempt_id': event.previousAttemptId,
      'atomic_skills.metrics': event.metrics,
    });
  } else {
    Object.assign(attributes, { 'atomic_skills.record.id': event.recordId, ...labelAttributes(event.label) });
  }
  const keyValues: KeyValue[] = [];
  for (const [key, raw] of Object.entries(attributes)) {
    const value = toAnyValue(raw);
    if (value) keyValues.push({ key, value });
  }
  return keyValues;
}

function labelAttributes(label: Label): Record<string, unknown> {
  const prefix = 'atomic_skills.label';
  switch (label.kind) {
    case 'vote':
      return { [`${prefix}.kind`]: label.kind, [`${prefix}.value`]: label.value };
    case 'accepted':
    case 'rejected':
    case 'notTaken':
      return { [`${prefix}.kind`]: label.kind, [`${prefix}.target`]: label.target };
    case 'survival':
      return { [`${prefix}.kind`]: label.kind, [`${prefix}.after_seconds`]: label.afterSeconds, [`${prefix}.share`]: label.share };
    case 'check':
      return { [`${prefix}.kind`]: label.kind, [`${prefix}.name`]: label.name, [`${prefix}.passed`]: label.passed, [`${prefix}.value`]: label.value };
    default:
      return { [`${prefix}.kind`]: (label as { kind?: unknown }).kind };
  }
}

/** A JSON value as an AnyValue; undefined and null are left out (an attribute without a value says nothing). */
export function toAnyValue(value: unknown): AnyValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'bigint') return { intValue: value.toString() };
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return { intValue: String(value) };
    if (Number.isNaN(value)) return { doubleValue: 'NaN' };
    if (!Number.isFinite(value)) return { doubleValue: value > 0 ? 'Infinity' : '-Infinity' };
    return { doubleValue: value };
  }
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item) => toAnyValue(item) ?? { stringValue: '' }) } };
  if (typeof value === 'object') {
    const values: KeyValue[] = [];
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const converted = toAnyValue(item);
      if (converted) values.push({ key, value: converted });
    }
    return { kvlistValue: { values } };
  }
  return { stringValue: String(value) };
}

/** Milliseconds since the epoch as a fixed64 nanosecond count in decimal (exact, via BigInt). */
export function msToUnixNano(ms: number): string {
  return (BigInt(Math.trunc(ms)) * 1_000_000n).toString();
}
