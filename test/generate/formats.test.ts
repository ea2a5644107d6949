import * as ts from 'typescript';
import * as cdk from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { formatPolicyCdk, formatPolicyJson, formatPolicyYaml, generatePolicy, parseSpec, policyDocument, type GeneratedStatement } from '../../src/generate';
import { parseTemplate } from '../../src/template';
import { parseYaml } from '../../src/template/yaml';
import type { TemplateObject, TemplateValue } from '../../src/template/types';

const template = parseTemplate(
  'Resources:\n  Bucket: { Type: AWS::S3::Bucket }\n  Topic: { Type: AWS::SNS::Topic }\n  Queue: { Type: AWS::SQS::Queue }\n',
  'app.yaml',
  { explicit: true },
);
if (template.status !== 'loaded') throw new Error('fixture template does not load');

const { statements } = generatePolicy(
  parseSpec(
    `grants:
  - read: Bucket
    write: [Topic, 'arn:\${AWS::Partition}:sqs:eu-west-1:123456789012:jobs', !Join ['', ['arn:aws:s3:::', !Ref Bucket, '/uploads/*']]]
  - actions: [sqs:SendMessage]
    resources: !GetAtt Queue.Arn
    conditions:
      StringEquals: { aws:SourceAccount: !Ref AWS::AccountId, aws:PrincipalTag/team: 'true' }
      DateLessThan: { aws:CurrentTime: '2030-01-01' }
  - actions: [sqs:ListQueues]
    resources: '*'
`,
    'spec.yaml',
  ),
  { template: template.template, minimize: true },
);

const expected = policyDocument(statements);

describe('output formats', () => {
  it('JSON is the policy document', () => {
    const json = JSON.parse(formatPolicyJson(statements)) as TemplateObject;
    expect(json).toEqual(expected);
    expect(json.Version).toBe('2012-10-17');
    expect((json.Statement as TemplateObject[]).at(-1)).toMatchObject({ Resource: '*', Action: ['sqs:ListQueues'] });
  });

  it('YAML reads back as the same document, with short-form intrinsics', () => {
    const yaml = formatPolicyYaml(statements);
    expect(yaml).toContain('- !GetAtt Bucket.Arn');
    expect(yaml).toContain("- !Sub '${Bucket.Arn}/*'");
    expect(yaml).toContain('- !Ref Topic');
    expect(yaml).toContain('- !Join\n');
    expect(yaml).toContain("Version: '2012-10-17'");
    expect(yaml).toContain("aws:PrincipalTag/team: 'true'");
    const parsed = parseYaml(yaml);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value).toEqual(expected);
  });

  it('the CDK snippet builds statements that synthesize to the same JSON', () => {
    const code = formatPolicyCdk(statements);
    expect(code).toContain("import * as iam from 'aws-cdk-lib/aws-iam';");
    expect(code).toContain("cdk.Fn.getAtt('Bucket', 'Arn').toString()");
    expect(code).toContain('effect: iam.Effect.ALLOW,');
    expect(code).toContain("cdk.Token.asString({");
    const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const exports: { statements?: iam.PolicyStatement[] } = {};
    new Function('require', 'exports', js)(require, exports);
    const stack = new cdk.Stack();
    const synthesized = exports.statements!.map((statement) => stack.resolve(statement.toStatementJson()) as TemplateObject);
    const list = (value: TemplateValue | undefined): TemplateValue[] | undefined => (value === undefined || Array.isArray(value) || value === '*' ? (value as TemplateValue[]) : [value]);
    const comparable = (s: TemplateObject) => ({ ...s, Action: list(s.Action), Resource: list(s.Resource) });
    expect(synthesized.map(comparable)).toEqual((expected.Statement as TemplateObject[]).map(comparable));
  });

  it('writes a CDK snippet without the cdk import when there are no intrinsics', () => {
    const plain: GeneratedStatement[] = [{ sid: 'S3ReadOnObjects', actions: ['s3:GetObject'], resources: ["arn:aws:s3:::it's/*"] }];
    const code = formatPolicyCdk(plain);
    expect(code).not.toContain("from 'aws-cdk-lib';");
    expect(code).toContain("resources: ['arn:aws:s3:::it\\'s/*'],");
  });
});
