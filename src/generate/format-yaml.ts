/**
 * `--format yaml`: the policy document as CloudFormation YAML, ready to paste under
 * `PolicyDocument:`, with intrinsics in short form (`!GetAtt Bucket.Arn`, `!Sub '${Bucket.Arn}/*'`).
 */
import type * as Yaml from 'yaml';
import type { TemplateValue } from '../template/types';
import { isObject } from '../engine/value-checks';
import { intrinsicCall } from './intrinsic';
import { policyDocument } from './document';
import type { GeneratedStatement } from './types';

type YamlNode = Yaml.Scalar | Yaml.YAMLMap | Yaml.YAMLSeq;

let yamlPackage: typeof Yaml | undefined;

/** The `yaml` package, loaded on first use: a scan must not pay for it at start-up (the CLI registers this command). */
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (start-up time)
  return (yamlPackage ??= require('yaml') as typeof Yaml);
}

/** `{ "Fn::GetAtt": ["Bucket", "Arn"] }` → `!GetAtt Bucket.Arn`; `{ "Fn::Sub": s }` → `!Sub 's'`; `{ Ref: x }` → `!Ref x`. */
function yamlNode(value: TemplateValue): YamlNode {
  const { Pair, Scalar, YAMLMap, YAMLSeq } = yaml();
  const intrinsic = intrinsicCall(value);
  if (intrinsic) {
    const { name, argument } = intrinsic;
    const dotted = name === 'Fn::GetAtt' && Array.isArray(argument) && argument.every((part) => typeof part === 'string');
    const tagged = dotted ? new Scalar(argument.join('.')) : yamlNode(argument);
    tagged.tag = `!${name.replace(/^Fn::/, '')}`;
    if (name === 'Fn::Sub' && tagged instanceof Scalar) tagged.type = Scalar.QUOTE_SINGLE;
    return tagged;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.items = value.map(yamlNode);
    return seq;
  }
  if (isObject(value)) {
    const map = new YAMLMap();
    map.items = Object.entries(value).map(([key, item]) => new Pair(new Scalar(key), yamlNode(item)));
    return map;
  }
  const scalar = new Scalar(value);
  // `2012-10-17` and `true` read back as a date or a boolean unless quoted; condition values stay strings.
  if (typeof value === 'string' && /^[\d-]+$|^(true|false|yes|no|on|off|null|~)$/i.test(value)) scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

export function formatPolicyYaml(statements: readonly GeneratedStatement[]): string {
  const doc = new (yaml().Document)();
  doc.contents = yamlNode(policyDocument(statements));
  return doc.toString({ lineWidth: 0 });
}
