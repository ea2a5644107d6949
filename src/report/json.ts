/**
 * `--format json`, schema version 1. The shape is a contract: add fields, never rename or remove.
 */
import type { ScanResult } from '../engine/scan';
import type { Finding } from '../rules/types';
import { summarize, type ScanSummary } from './summary';
import { toolVersion } from './version';

export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  fix: string;
  file: string;
  line: number;
  column: number;
  jsonPointer: string;
  stack: string;
  logicalId: string;
  resourceType: string;
  constructPath?: string;
  policy: { kind: Finding['policy']['kind']; name?: string };
  statementIndex?: number;
  sid?: string;
  actions: string[];
  resources: string[];
  principals: string[];
  origin: Finding['origin'];
  fingerprint: string;
  suppressed?: Finding['suppressed'];
}

export interface JsonReport {
  schemaVersion: 1;
  tool: { name: 'iamgate'; version: string };
  summary: ScanSummary;
  findings: JsonFinding[];
  errors: { file: string; line: number; column: number; message: string }[];
}

export function toJsonFinding(finding: Finding): JsonFinding {
  const { location } = finding;
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    fix: finding.fix,
    file: location.file,
    line: location.line,
    column: location.column,
    jsonPointer: location.jsonPointer,
    stack: location.stack,
    logicalId: location.logicalId,
    resourceType: location.resourceType,
    ...(location.constructPath !== undefined ? { constructPath: location.constructPath } : {}),
    policy: { kind: finding.policy.kind, ...(finding.policy.name !== undefined ? { name: finding.policy.name } : {}) },
    ...(finding.statementIndex !== undefined ? { statementIndex: finding.statementIndex } : {}),
    ...(finding.sid !== undefined ? { sid: finding.sid } : {}),
    actions: finding.actions,
    resources: finding.resources,
    principals: finding.principals,
    origin: finding.origin,
    fingerprint: finding.fingerprint,
    ...(finding.suppressed ? { suppressed: finding.suppressed } : {}),
  };
}

export function buildJsonReport(result: ScanResult): JsonReport {
  return {
    schemaVersion: 1,
    tool: { name: 'iamgate', version: toolVersion() },
    summary: summarize(result),
    findings: result.findings.map(toJsonFinding),
    errors: result.errors.map(({ file, line, column, message }) => ({ file, line, column, message })),
  };
}

export function formatJson(result: ScanResult): string {
  return `${JSON.stringify(buildJsonReport(result), null, 2)}\n`;
}
