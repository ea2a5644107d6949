/**
 * A bucket's canned ACL as the grant it is (DESIGN.md §3). `PublicRead` gives the AllUsers group
 * READ on the bucket (listing its objects), `PublicReadWrite` also WRITE (creating, overwriting
 * and deleting objects), and `AuthenticatedRead` gives READ to anyone with an AWS account, which
 * AWS counts as public as well. The other canned ACLs grant the owner or log delivery only.
 */
import type { ResolvedString } from '../resolve/types';
import type { Statement } from './types';
import type { ResourceContext } from './context';
import { toResolvedString, withSuffix } from '../resolve';
import { propertyVariants } from './grants';
import { addedAssumptions } from './variants';

const PUBLIC_ACLS: Readonly<Record<string, { bucket: readonly string[]; objects: readonly string[] }>> = {
  PublicRead: { bucket: ['s3:ListBucket'], objects: [] },
  PublicReadWrite: { bucket: ['s3:ListBucket'], objects: ['s3:PutObject', 's3:DeleteObject'] },
  AuthenticatedRead: { bucket: ['s3:ListBucket'], objects: [] },
};

export function bucketCannedAcl(ctx: ResourceContext): void {
  const statements: Statement[] = [];
  for (const { properties, when } of propertyVariants(ctx, ['AccessControl'])) {
    const acl = properties.get('AccessControl');
    const name = acl?.kind === 'scalar' && typeof acl.value === 'string' ? acl.value : undefined;
    const grant = name !== undefined && Object.hasOwn(PUBLIC_ACLS, name) ? PUBLIC_ACLS[name] : undefined;
    if (!acl || !grant) continue;
    const arn = ctx.resolver.resolveValue({ 'Fn::GetAtt': [ctx.logicalId, 'Arn'] }, acl.at);
    const bucket: ResolvedString = (arn && toResolvedString(arn)) ?? { kind: 'unknown', reason: 'the ARN of the bucket' };
    const granted: [readonly string[], ResolvedString][] = [
      [grant.bucket, bucket],
      [grant.objects, withSuffix(bucket, '/*')],
    ];
    for (const [actions, resource] of granted) {
      if (actions.length === 0) continue;
      statements.push({
        index: statements.length,
        effect: 'Allow',
        actions: actions.map((value) => ({ value, at: acl.at })),
        principals: [{ value: { type: 'public' }, at: acl.at }],
        resources: [{ value: resource, at: acl.at }],
        conditions: [],
        at: acl.at,
        when: addedAssumptions(when, ctx.when),
      });
    }
  }
  if (statements.length === 0) return;
  ctx.addPolicy({
    kind: 'permission-grant',
    propertyPath: ['Properties', 'AccessControl'],
    pointer: statements[0]!.at,
    when: ctx.when,
    resources: [{ resourceType: 'AWS::S3::Bucket', logicalId: ctx.logicalId }],
    statements,
    problems: [],
  });
}
