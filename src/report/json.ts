/**
 * `--format json`, schema version 1. The shape is a contract: add fields, never rename or remove.
 */
import type { ScanResult } from '../engine/scan';
import { collect, mapped, streamedArray, writeJsonDocument, type ReportInput, type ReportOutput } from './output';
import type { Finding } from '../rules/types';
import type { StaleSuppression } from '../engine/suppressions';
import type { BaselineEntry } from '../engine/baseline';
import { summarize, type ScanSummary } from './summary';
import { toolVersion } from './version';

export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  fix: string;
  /** The snippet that carries out `fix` and, where exact, the template edit (`iamgate fix` applies it). */
  suggestion?: Finding['suggestion'];
  file: string;
  line: number;
  column: number;
  jsonPointer: string;
  stack: string;
  logicalId: string;
  resourceType: string;
  constructPath?: string;
  sourceLocation?: string;
  policy: { kind: Finding['policy']['kind']; name?: string };
  statementIndex?: number;
  sid?: string;
  actions: string[];
  resources: string[];
  principals: string[];
  origin: Finding['origin'];
  fingerprint: string;
  contentFingerprint: string;
  suppressed?: Finding['suppressed'];
}

export interface JsonBaseline {
  file: string;
  entries: number;
  matched: number;
  renamed: number;
  gone: number;
  goneEntries: BaselineEntry[];
}

export interface JsonReport {
  schemaVersion: 1;
  tool: { name: 'iamgate'; version: string };
  summary: ScanSummary;
  findings: JsonFinding[];
  errors: { file: string; line: number; column: number; message: string }[];
  /** Suppressions that matched no finding. */
  staleSuppressions: StaleSuppression[];
  /** With `--baseline`. */
  baseline?: JsonBaseline;
}

export function toJsonFinding(finding: Finding): JsonFinding {
  const { location } = finding;
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    fix: finding.fix,
    ...(finding.suggestion ? { suggestion: finding.suggestion } : {}),
    file: location.file,
    line: location.line,
    column: location.column,
    jsonPointer: location.jsonPointer,
    stack: location.stack,
    logicalId: location.logicalId,
    resourceType: location.resourceType,
    ...(location.constructPath !== undefined ? { constructPath: location.constructPath } : {}),
    ...(location.sourceLocation !== undefined ? { sourceLocation: location.sourceLocation } : {}),
    policy: { kind: finding.policy.kind, ...(finding.policy.name !== undefined ? { name: finding.policy.name } : {}) },
    ...(finding.statementIndex !== undefined ? { statementIndex: finding.statementIndex } : {}),
    ...(finding.sid !== undefined ? { sid: finding.sid } : {}),
    actions: finding.actions,
    resources: finding.resources,
    principals: finding.principals,
    origin: finding.origin,
    fingerprint: finding.fingerprint,
    contentFingerprint: finding.contentFingerprint,
    ...(finding.suppressed ? { suppressed: finding.suppressed } : {}),
  };
}

function jsonBaseline(summary: NonNullable<ScanResult['baseline']>): JsonBaseline {
  const { file, entries, matched, renamed, gone } = summary;
  return { file, entries, matched, renamed, gone: gone.length, goneEntries: gone };
}

function jsonReport(result: ReportInput, findings: JsonFinding[]): JsonReport {
  return {
    schemaVersion: 1,
    tool: { name: 'iamgate', version: toolVersion() },
    summary: summarize(result),
    findings,
    errors: result.errors.map(({ file, line, column, message }) => ({ file, line, column, message })),
    staleSuppressions: result.staleSuppressions,
    ...(result.baseline ? { baseline: jsonBaseline(result.baseline) } : {}),
  };
}

export function buildJsonReport(result: ReportInput): JsonReport {
  return jsonReport(result, Array.from(result.findings, toJsonFinding));
}

/** The same document as `buildJsonReport`, pretty-printed, written one finding at a time. */
export function writeJson(result: ReportInput, out: ReportOutput): void {
  writeJsonDocument(out, jsonReport(result, streamedArray()), 'findings', mapped(result.findings, toJsonFinding));
}

export function formatJson(result: ReportInput): string {
  return collect((out) => writeJson(result, out));
}
