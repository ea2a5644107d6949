/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. Rules carry their help and a
 * link to their docs; results carry a level from the severity, the file region, the resource
 * as a logical location, fingerprints that survive edits, and suppressions with their reason.
 * Inputs that could not be read, and stale suppressions, are tool notifications.
 */
import type * as Sarif from 'sarif';
import type { Finding, RuleMeta, Severity, Suppression } from '../rules/types';
import { renderRuleDoc } from '../rules/docs-page';
import { describeStale } from './common';
import { toolVersion } from './version';
import { textEditsFor } from '../fix/template-edits';
import { regionOf } from '../fix/text-edits';
import { FixRefused } from '../fix/refused';
import { formatOf } from '../template/parse-template';
import { collect, mapped, streamedArray, writeJsonDocument, type ReportInput, type ReportOutput } from './output';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/iamgate/iamgate';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

/** GitHub's security severity scale: high, medium, low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

function artifact(file: string): Sarif.ArtifactLocation {
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function physical(file: string, line: number, column: number): Sarif.PhysicalLocation {
  return { artifactLocation: artifact(file), region: { startLine: line, startColumn: column } };
}

/** `full-admin` → `FullAdmin`: SARIF's rule name is an identifier-like word. */
const pascalCase = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase());

function ruleDescriptor(meta: RuleMeta, severity: Severity): Sarif.ReportingDescriptor {
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale },
    help: { text: `${meta.rationale}\n\nWhat to do instead: ${meta.fix}\n\n${meta.docsUrl}`, markdown: renderRuleDoc({ meta }) },
    helpUri: meta.docsUrl,
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: ['security', 'iam'], precision: 'high', 'security-severity': SECURITY_SEVERITY[severity] },
  };
}

function suppressionOf(suppression: Suppression): Sarif.Suppression {
  const inSource = suppression.source !== 'config' && suppression.source !== 'baseline';
  const where = suppression.location;
  return {
    kind: inSource ? 'inSource' : 'external',
    status: 'accepted',
    justification: suppression.reason,
    ...(where ? { location: { physicalLocation: physical(where.file, where.line, where.column) } } : {}),
    properties: {
      source: suppression.source,
      ...(suppression.ticket !== undefined ? { ticket: suppression.ticket } : {}),
      ...(suppression.expires !== undefined ? { expires: suppression.expires } : {}),
      ...(suppression.mappedFrom !== undefined ? { mappedFrom: suppression.mappedFrom } : {}),
    },
  };
}

export interface SarifOptions {
  /** The text of a scanned file, for `fixes`: a finding's edit becomes exact replacements only where the file can be read. */
  readSource?: (file: string) => string | undefined;
  /** `file:///.../` of the folder the files are named from (`%SRCROOT%`). */
  rootUri?: string;
}

/** The finding's template edit as SARIF replacements in its file; none when the file cannot be read or the edit does not apply. */
function fixesOf(finding: Finding, source: (file: string) => string | undefined): Sarif.Fix[] | undefined {
  const edit = finding.suggestion?.edit;
  const file = finding.location.file;
  const text = edit ? source(file) : undefined;
  if (!edit || text === undefined) return undefined;
  try {
    const edits = textEditsFor(text, formatOf(file, text), edit);
    return [
      {
        description: { text: finding.fix },
        artifactChanges: [
          {
            artifactLocation: artifact(file),
            replacements: edits.map((e) => ({ deletedRegion: regionOf(text, e), insertedContent: { text: e.text } })),
          },
        ],
      },
    ];
  } catch (error) {
    if (error instanceof FixRefused) return undefined;
    throw error;
  }
}

function resultOf(finding: Finding, ruleIndex: number, withBaseline: boolean, source: (file: string) => string | undefined): Sarif.Result {
  const { location } = finding;
  const known = finding.suppressed?.source === 'baseline';
  const fixes = fixesOf(finding, source);
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[finding.severity],
    ...(withBaseline ? { baselineState: known ? 'unchanged' : 'new' } : {}),
    message: { text: `${finding.message}\nFix: ${finding.fix}` },
    locations: [
      {
        physicalLocation: physical(location.file, location.line, location.column),
        logicalLocations: [{ name: location.logicalId, fullyQualifiedName: location.constructPath ?? `${location.stack}/${location.logicalId}`, kind: 'resource' }],
      },
    ],
    partialFingerprints: { 'iamgate/v1': finding.fingerprint, 'iamgateContent/v1': finding.contentFingerprint },
    ...(finding.suppressed ? { suppressions: [suppressionOf(finding.suppressed)] } : {}),
    ...(fixes ? { fixes } : {}),
    properties: {
      stack: location.stack,
      resourceType: location.resourceType,
      jsonPointer: location.jsonPointer,
      policyKind: finding.policy.kind,
      origin: finding.origin,
      actions: finding.actions,
      resources: finding.resources,
      principals: finding.principals,
      ...(finding.suggestion?.snippet !== undefined ? { fixSnippet: finding.suggestion.snippet } : {}),
    },
  };
}

/** Findings come file by file, so only the current file's text is kept. */
function currentFileReader(readSource: SarifOptions['readSource']): (file: string) => string | undefined {
  let current: { file: string; text: string | undefined } | undefined;
  return (file) => {
    if (current?.file !== file) current = { file, text: readSource?.(file) };
    return current.text;
  };
}

export function writeSarif(result: ReportInput, out: ReportOutput, options: SarifOptions = {}): void {
  const source = currentFileReader(options.readSource);
  const severityOf = (meta: RuleMeta): Severity => {
    const configured = result.config.rules[meta.id]?.severity;
    return configured && configured !== 'off' ? configured : meta.defaultSeverity;
  };
  const index = new Map(result.rules.map((meta, i) => [meta.id, i]));
  const notifications: Sarif.Notification[] = [
    ...result.errors.map(
      (error): Sarif.Notification => ({
        level: 'error',
        message: { text: error.message },
        locations: [{ physicalLocation: physical(error.file, error.line, error.column) }],
        descriptor: { id: 'input-error' },
      }),
    ),
    ...result.staleSuppressions.map(
      (stale): Sarif.Notification => ({
        level: 'note',
        message: { text: describeStale(stale) },
        locations: [{ physicalLocation: physical(stale.file, stale.line, stale.column) }],
        descriptor: { id: 'stale-suppression' },
      }),
    ),
  ];
  const version = toolVersion();
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'iamgate',
            version,
            semanticVersion: version,
            informationUri: INFORMATION_URI,
            rules: result.rules.map((meta) => ruleDescriptor(meta, severityOf(meta))),
          },
        },
        invocations: [{ executionSuccessful: result.errors.length === 0, toolExecutionNotifications: notifications }],
        results: streamedArray(),
        columnKind: 'utf16CodeUnits',
        ...(options.rootUri !== undefined ? { originalUriBaseIds: { '%SRCROOT%': { uri: options.rootUri } } } : {}),
      },
    ],
  };
  const results = mapped(result.findings, (finding) => resultOf(finding, index.get(finding.ruleId) ?? -1, result.baseline !== undefined, source));
  writeJsonDocument(out, log, 'results', results);
}

export function formatSarif(result: ReportInput, options: SarifOptions = {}): string {
  return collect((out) => writeSarif(result, out, options));
}
