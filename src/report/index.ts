import type { ScanResult } from '../engine/scan';
import { formatJson } from './json';
import { formatText } from './text';

export const REPORT_FORMATS = ['text', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  color: boolean;
}

export function formatReport(result: ScanResult, format: ReportFormat, options: ReportOptions): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'text':
      return formatText(result, options);
  }
}
