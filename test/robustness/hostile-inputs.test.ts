/**
 * Hostile and broken input through the whole CLI: each ends with exit 2 and a message that names
 * the file and the position, in bounded time and memory; the valid oddities are analyzed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli';
import { DEFAULT_MAX_BYTES } from '../../src/template';
import { Scratch } from './hostile';

const scratch = new Scratch();
afterAll(() => scratch.remove());

/** One unreadable input: exit 2, one error at a real position, shown as file:line:column in text output. */
async function expectRefused(file: string, message: RegExp, line?: number, column?: number) {
  const run = await scratch.scan(file);
  expect(run.code).toBe(2);
  expect(run.report.errors).toEqual([
    { file, line: line ?? expect.any(Number), column: column ?? expect.any(Number), message: expect.stringMatching(message) },
  ]);
  const [error] = run.report.errors;
  expect(error.line).toBeGreaterThanOrEqual(1);
  expect(error.column).toBeGreaterThanOrEqual(1);
  const text = await scratch.text(file);
  expect(text.code).toBe(2);
  expect(text.stdout).toContain(`${file}:${error.line}:${error.column}`);
}

const template = (resources: string) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources}`;

describe('refused with exit 2, file and position', () => {
  test('a YAML alias bomb (billion laughs)', async () => {
    const lines = ['Resources:', '  L0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++) lines.push(`  L${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
    scratch.write('laughs.yaml', lines.join('\n') + '\n');
    await expectRefused('laughs.yaml', /aliases expand to more than .* "billion laughs"/);
    // Ten to the ninth copies never get made: a small heap is enough to refuse it.
    const bounded = scratch.scanBounded(96, 'laughs.yaml');
    expect(bounded.status).toBe(2);
    expect(bounded.stdout).toMatch(/laughs\.yaml:\d+:\d+ .*billion laughs/);
  });

  test.each([
    ['deep.json', `{"Resources": {"A": {"Type": "AWS::IAM::Role", "Properties": {"X": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}}}`],
    ['deep.yaml', template(`  A:\n    Type: AWS::IAM::Role\n    Properties:\n      X: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)],
    ['deep-block.yaml', template(`  A:\n    Type: AWS::IAM::Role\n    Properties:\n      X:\n        ${'- '.repeat(100_000)}x\n`)],
  ])('nesting 100,000 deep: %s', async (file, text) => {
    scratch.write(file, text);
    await expectRefused(file, /nesting deeper than 512 levels/);
    expect(scratch.scanBounded(128, file).status).toBe(2);
  });

  test('a single-line string past the 50 MiB limit is refused before it is parsed', () => {
    scratch.write('huge.json', `{"Resources": {}, "Description": "${'x'.repeat(DEFAULT_MAX_BYTES)}"}`);
    // Refused from its size alone: the heap needed to parse it is never asked for.
    const run = scratch.scanBounded(96, '--format', 'json', 'huge.json');
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).errors).toEqual([{ file: 'huge.json', line: 1, column: 1, message: expect.stringMatching(/larger than 50 MiB/) }]);
  });

  test('circular conditions, and Fn::Sub and Ref that point back at themselves', async () => {
    scratch.write(
      'circular.yaml',
      `Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !And [!Condition IsLive, !Equals [!Ref Env, prod]]
  IsLive: !Or [!Condition IsProd, !Equals [!Ref Env, live]]
Resources:
  Worker:
    Type: AWS::IAM::Role
    Condition: IsProd
    Properties:
      RoleName: !Sub '\${Worker}-role'
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: !GetAtt Worker.Arn}
            Action: sts:AssumeRole
`,
    );
    await expectRefused('circular.yaml', /circular condition: IsProd → IsLive → IsProd/, 4, 3);
  });

  test('a chain of conditions, each naming the one before: refused where it passes 512, never a stack overflow', async () => {
    // A chain of 2,000 overflowed the stack (an internal error at 1:1); any chain is now cut at 512.
    const conditions = ['  C0: !Equals [!Ref Env, prod]'];
    for (let i = 1; i < 600; i++) conditions.push(`  C${i}: !And [!Condition C${i - 1}, !Equals [!Ref Env, x${i}]]`);
    scratch.write(
      'condition-chain.yaml',
      `Parameters:\n  Env: {Type: String}\nConditions:\n${conditions.join('\n')}\nResources:\n  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Condition: C599\n    Properties:\n      PolicyDocument:\n        Statement:\n          - {Effect: Allow, Action: 's3:*', Resource: !If [C599, '*', 'arn:aws:s3:::b']}\n`,
    );
    // Refused at the 513th condition down the chain from C599, C87 (line 4 holds C0).
    await expectRefused('condition-chain.yaml', /^Policy: conditions that name one another more than 512 deep$/, 4 + 87, 3);
  });

  test('an intrinsic function CloudFormation does not have', async () => {
    scratch.write(
      'unknown-function.yaml',
      template(`  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: {'Fn::Eval': 's3:*'}
            Resource: '*'
`),
    );
    await expectRefused('unknown-function.yaml', /^Fn::Eval is not a CloudFormation intrinsic function$/, 9, 22);
  });

  test('a policy document string that is not JSON', async () => {
    scratch.write(
      'not-json.yaml',
      template(`  Delivery:
    Type: AWS::Logs::ResourcePolicy
    Properties:
      PolicyName: delivery
      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": logs:PutLogEvents}]}'
`),
    );
    await expectRefused('not-json.yaml', /PolicyDocument is a string that is not valid JSON/, 7, 7);
  });

  test('bytes that are not UTF-8', async () => {
    const bytes = Buffer.from('{\n  "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Description": "caf?"}}\n}');
    bytes[bytes.indexOf('?')] = 0xe9;
    scratch.write('latin1.json', bytes);
    await expectRefused('latin1.json', /not a UTF-8 text file: invalid UTF-8 at byte 70/, 2, 69);
  });

  test('an empty file', async () => {
    scratch.write('empty.yaml', '');
    await expectRefused('empty.yaml', /^empty file/, 1, 1);
  });

  test('a binary file named .json', async () => {
    scratch.write('logo.json', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    await expectRefused('logo.json', /not a text file: NUL byte/, 3, 1);
  });

  test('a template whose Policies are a number', async () => {
    scratch.write('policies-number.yaml', template(`  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n      Policies: 5\n`));
    await expectRefused('policies-number.yaml', /Policies must be a list/, 7, 7);
  });
});

describe('analyzed: odd but valid, or wrong only inside a policy', () => {
  /** As many roles as a stack holds, each allowed to assume and pass every role, each trusting the account. */
  function everyRoleAssumesEveryRole(count: number, admin: boolean): string {
    const roles = Array.from({ length: count }, (_, i) => {
      const managed = admin && i === 0 ? '\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]' : '';
      return `  Role${i}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: hop
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: [sts:AssumeRole, iam:PassRole], Resource: '*'}
              - {Effect: Allow, Action: [iam:AttachRolePolicy, lambda:CreateFunction], Resource: !GetAtt Role${(i + 1) % count}.Arn}${managed}
`;
    });
    return template(roles.join(''));
  }

  // 480 roles that may all assume one another took minutes: each search for a way to power went
  // over every edge of the graph from every role. A hang guard, not a timing: the kill comes at 60 s.
  test.each([
    ['no role has power: no path, and the search ends', false, 0],
    ['one administrator: every other role reaches it in one step', true, 479],
  ])('480 roles that may all assume one another, %s', (_, admin, paths) => {
    const file = scratch.write(`assume-all-${admin}.yaml`, everyRoleAssumesEveryRole(480, admin));
    const run = scratch.scanBounded(512, '--format', 'json', '--fail-on', 'none', '--output', `${file}.json`, file);
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(join(scratch.dir, `${file}.json`), 'utf8')) as { findings: Array<{ ruleId: string; message: string }> };
    const findings = report.findings.filter((f) => f.ruleId === 'escalation-path');
    expect(findings).toHaveLength(paths);
    for (const finding of findings) expect(finding.message).toMatch(/^Role\d+ can assume role Role0, and Role0 has administrator access \(AdministratorAccess\)$/);
  });

  // Not refused: "The Statement element can contain a single statement or an array of individual
  // statements" (IAM User Guide, reference_policies_elements_statement.html). Refusing it would fail
  // templates that deploy, and would hide what the statement grants.
  test('a Statement that is one object instead of a list is a statement like any other', async () => {
    scratch.write(
      'statement-object.yaml',
      template(`  Admin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          Effect: Allow
          Action: '*'
          Resource: '*'
`),
    );
    const run = await scratch.scan('statement-object.yaml');
    expect(run.report.errors).toEqual([]);
    expect(run.report.findings).toContainEqual(expect.objectContaining({ ruleId: 'full-admin', file: 'statement-object.yaml', line: 10 }));
    expect(run.code).toBe(1);
  });

  test('numbers, null and objects where strings belong are input errors (exit 2) where they stand', async () => {
    scratch.write(
      'wrong-types.yaml',
      template(`  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: 2012
        Statement:
          - Effect: 1
            Action: [null, 5, {Nested: map}, true]
            Resource: {Not: a string}
`),
    );
    const run = await scratch.scan('wrong-types.yaml');
    expect(run.code).toBe(2);
    // The version, the effect, each wrong action and the resource: each where it is written, naming the file.
    const errors = run.report.errors as { file: string; line: number; column: number; message: string }[];
    expect(errors.map((e) => `${e.line}:${e.column}`)).toEqual(['7:9', '9:13', '10:22', '10:28', '10:31', '10:46', '11:13']);
    for (const error of errors) expect(error).toMatchObject({ file: 'wrong-types.yaml', message: expect.stringMatching(/^Policy: /) });
    expect(errors.map((e) => e.message)).toContainEqual('Policy: Action holds the number 5 where a string was expected');
    // Fail closed even where nothing fails the gate.
    expect((await runCli(['scan', '--fail-on', 'none', 'wrong-types.yaml'], { cwd: scratch.dir })).code).toBe(2);
  });

  test('a 50 MB single-line string under the limit is read in memory that follows the file', () => {
    const value = 'x'.repeat(50_000_000);
    scratch.write('long-line.yaml', `Resources: {Queue: {Type: 'AWS::SQS::Queue', Properties: {QueueName: '${value}'}}}\n`);
    const run = scratch.scanBounded(512, '--format', 'json', 'long-line.yaml');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).errors).toEqual([]);
  });
});
