import type { ScanResult } from '../engine/scan';
import { formatGithub } from './github';
import { formatHtml } from './html/render';
import type { StackAccess } from './html/access-data';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  color: boolean;
  /** For `html`: the access collected per template (`collectStackAccess`); without it the page has no access map. */
  access?: readonly StackAccess[];
  /** For `sarif`: the text of a scanned file, so that exact fixes become `fixes` with replacements. */
  readSource?: (file: string) => string | undefined;
}

export function formatReport(result: ScanResult, format: ReportFormat, options: ReportOptions): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'text':
      return formatText(result, options);
    case 'sarif':
      return formatSarif(result, { readSource: options.readSource });
    case 'junit':
      return formatJunit(result);
    case 'github':
      return formatGithub(result);
    case 'markdown':
      return formatMarkdown(result);
    case 'html':
      return formatHtml(result, options.access);
  }
}
