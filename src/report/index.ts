import { writeGithub } from './github';
import { formatHtml } from './html/render';
import type { StackAccess } from './html/access-data';
import { writeJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { collect, type ReportInput, type ReportOutput } from './output';
import { writeSarif } from './sarif';
import { writeText } from './text';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  color: boolean;
  /** For `html`: the access collected per template (`collectStackAccess`); without it the page has no access map. */
  access?: readonly StackAccess[];
  /** For `sarif`: the text of a scanned file, so that exact fixes become `fixes` with replacements. */
  readSource?: (file: string) => string | undefined;
  /** For `sarif`: `file:///.../` of the folder the files are named from. */
  rootUri?: string;
}

/**
 * Writes the report a piece at a time. Text, JSON, SARIF and GitHub reports stream the findings
 * through; JUnit, Markdown and HTML build their document in memory (counts in the header, a cut
 * to comment size, a page that embeds its data).
 */
export function writeReport(result: ReportInput, format: ReportFormat, options: ReportOptions, out: ReportOutput): void {
  switch (format) {
    case 'json':
      return writeJson(result, out);
    case 'text':
      return writeText(result, options, out);
    case 'sarif':
      return writeSarif(result, out, { readSource: options.readSource, rootUri: options.rootUri });
    case 'github':
      return writeGithub(result, out);
    case 'junit':
      return out(formatJunit(result));
    case 'markdown':
      return out(formatMarkdown(result));
    case 'html':
      return out(formatHtml(result, options.access));
  }
}

export function formatReport(result: ReportInput, format: ReportFormat, options: ReportOptions): string {
  return collect((out) => writeReport(result, format, options, out));
}
