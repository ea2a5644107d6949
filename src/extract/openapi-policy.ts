/**
 * The `x-amazon-apigateway-policy` an OpenAPI body may carry. Only a body written in the
 * template is searched: an included one (`AWS::Include`) is not known, and an unknown body
 * says nothing about a policy in it (the API's `Policy` property is the usual place).
 */
import type { ResourceContext } from './context';
import type { CustomSpec, DocumentSpec } from './table';
import { pointerOf } from './pointers';
import { applyDocument } from './walker';

const POLICY_KEY = 'x-amazon-apigateway-policy';

export function openApiPolicy(body: string): CustomSpec {
  const spec: DocumentSpec = { kind: 'resource', path: `${body}.${POLICY_KEY}`, format: 'object', protects: { self: true } };
  return {
    kind: 'resource',
    path: spec.path,
    extract(ctx: ResourceContext) {
      const written = ctx.raw(pointerOf(ctx.propertiesPointer, body, POLICY_KEY));
      if (written !== undefined) applyDocument(ctx, spec);
    },
  };
}
