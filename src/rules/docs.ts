/** Rule docs live in the repository, one page per rule. */
export const DOCS_BASE_URL = 'https://github.com/iamgate/iamgate/blob/main/docs/rules';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`;
}
