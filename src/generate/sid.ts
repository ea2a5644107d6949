/**
 * Statement ids that say what a statement is for: `S3ReadOnBucketObjects`, `SqsWriteOnQueues`,
 * `Ec2ListOnAllResources`. Sids may hold only letters and digits.
 */
import { ACCESS_LEVELS_BY_STRENGTH, type AccessLevel } from '../iam';

/** How many resources a Sid names before it says `AndMore`. */
const NAMED_RESOURCES = 2;

/** `s3` → `S3`, `s3-object-lambda` → `S3ObjectLambda`, `log-group` → `LogGroup`. */
export function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

export function plural(typeName: string): string {
  const word = pascal(typeName);
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

export interface SidParts {
  services: readonly string[];
  levels: ReadonlySet<AccessLevel>;
  /** Words for the resources (`Bucket`, `BucketObjects`, `Tables`); empty for `*`. */
  resources: readonly string[];
}

export function sidOf({ services, levels, resources }: SidParts): string {
  const levelWords = [...ACCESS_LEVELS_BY_STRENGTH].reverse().filter((level) => levels.has(level)).map(pascal);
  const unique = [...new Set(resources)];
  const named = unique.length === 0 ? 'AllResources' : unique.length <= NAMED_RESOURCES ? unique.join('And') : `${unique[0]}AndMore`;
  return `${services.map(pascal).join('')}${levelWords.join('')}On${named}`;
}

/** Sids made unique in statement order: the second `S3ReadOnObjects` becomes `S3ReadOnObjects2`. */
export function uniqueSids(sids: readonly string[]): string[] {
  const used = new Set<string>();
  return sids.map((sid) => {
    let candidate = sid;
    for (let n = 2; used.has(candidate); n++) candidate = `${sid}${n}`;
    used.add(candidate);
    return candidate;
  });
}
