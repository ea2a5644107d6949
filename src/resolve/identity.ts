/**
 * What `Ref` and `Fn::GetAtt` of an in-template resource resolve to: parts that stand for that
 * one resource, in the shape its type gives them (see arn-shapes.ts).
 */
import type { JsonPointer, TemplateObject, TemplateValue } from '../template/types';
import { formatPointer } from '../template';
import type { ResolvedNode, ResourceRef, StringPart, UnknownValue } from './types';
import { parseJsonText } from './json-text';
import { ResolveError } from './types';
import type { Evaluation, Scope } from './context';
import { isRecord, unknownNode, valueAtPath } from './context';
import { identityShape, isCustomResource, isNestedStack } from './arn-shapes';
import type { ShapePiece } from './arn-shapes';
import type { ImplicitResource } from './sam-implicit';
import { samImplicitResources } from './sam-implicit';
import { concatParts, stringNode } from './strings';

interface Resource {
  type: string;
  /** The `Properties` as written; for resources the SAM transform adds, those that identify them. */
  properties: TemplateObject;
}

const CDK_JSON = 'Custom::AWSCDKCfnJson';

/** JSON text that does not parse leaves the value unknown, with the reason. */
class UnreadableJson extends Error {}

export class ResourceIdentities {
  private readonly identities = new Map<string, StringPart[] | UnknownValue>();
  private readonly inProgress = new Set<string>();
  private readonly implicit: Map<string, ImplicitResource>;

  constructor(
    private readonly evaluation: Evaluation,
    private readonly body: TemplateObject,
    private readonly templateScope: Scope,
  ) {
    this.implicit = samImplicitResources(body);
  }

  has(logicalId: string): boolean {
    return this.declared(logicalId) !== undefined || this.implicit.has(logicalId);
  }

  /** `Ref` (attribute `Ref`) or `Fn::GetAtt` of a resource that `has` confirmed. */
  node(logicalId: string, attribute: string, at: JsonPointer): ResolvedNode {
    const key = `${logicalId}.${attribute}`;
    let identity = this.identities.get(key);
    if (identity === undefined) {
      identity = this.once(logicalId, attribute, () => this.compute(logicalId, attribute));
      this.identities.set(key, identity);
    }
    return Array.isArray(identity) ? stringNode(concatParts(identity), at) : unknownNode(identity.reason, at);
  }

  /** Works out an attribute of a resource, refusing one that depends on itself. */
  private once<T>(logicalId: string, attribute: string, compute: () => T): T {
    const key = `${logicalId}.${attribute}`;
    if (this.inProgress.has(key)) throw new ResolveError(`circular reference: ${key} depends on itself`, formatPointer(['Resources', logicalId]));
    this.inProgress.add(key);
    try {
      return compute();
    } finally {
      this.inProgress.delete(key);
    }
  }

  /**
   * `Fn::GetAtt X.Value` of CDK's CfnJson (`Custom::AWSCDKCfnJson`), whose code parses the JSON text
   * of its `Value` property: CDK writes condition blocks this way when their keys hold references
   * (an EKS cluster's OIDC issuer). Undefined for every other resource.
   */
  cdkJsonValue(logicalId: string, at: JsonPointer): ResolvedNode | undefined {
    const resource = this.resource(logicalId);
    if (resource?.type !== CDK_JSON || resource.properties.Value === undefined) return undefined;
    const value = resource.properties.Value;
    const text = this.once(logicalId, 'Value', () => this.evaluation.evaluate(value, formatPointer(['Resources', logicalId, 'Properties', 'Value']), this.templateScope));
    const source = text.kind === 'scalar' && typeof text.value === 'string' ? text.value : text.kind === 'symbolic' ? { ...text, at } : undefined;
    if (source === undefined) return unknownNode(`the Value of ${logicalId} (CDK's CfnJson) is not known statically`, at);
    try {
      return parseJsonText(source, at, `the Value of ${logicalId} (CDK's CfnJson)`, (message) => {
        throw new UnreadableJson(message);
      });
    } catch (error) {
      if (error instanceof UnreadableJson) return unknownNode(error.message, at);
      throw error;
    }
  }

  private declared(logicalId: string): TemplateValue | undefined {
    const resources = this.body.Resources;
    return isRecord(resources) && Object.hasOwn(resources, logicalId) ? resources[logicalId] : undefined;
  }

  private resource(logicalId: string): Resource | undefined {
    const declared = this.declared(logicalId);
    if (declared === undefined) return this.implicit.get(logicalId);
    if (!isRecord(declared) || typeof declared.Type !== 'string') return undefined;
    return { type: declared.Type, properties: isRecord(declared.Properties) ? declared.Properties : {} };
  }

  private compute(logicalId: string, attribute: string): StringPart[] | UnknownValue {
    const resource = this.resource(logicalId);
    if (resource === undefined) {
      const reason = `resource ${logicalId} has no Type`;
      this.evaluation.problem(formatPointer(['Resources', logicalId]), reason);
      return { kind: 'unknown', reason };
    }
    const { type } = resource;
    const returned = attribute === 'Ref' ? 'Ref' : `Fn::GetAtt ${attribute}`;
    const pieces = identityShape(type, attribute, resource.properties);
    // Custom resources return what their code decides, except the few whose code is known (CDK's OIDC provider).
    if (pieces === undefined && isCustomResource(type)) {
      return { kind: 'unknown', reason: `${logicalId} is a custom resource (${type}): its provider decides what ${returned} returns` };
    }
    if (isNestedStack(type) && attribute.startsWith('Outputs.')) {
      return { kind: 'unknown', reason: `output ${attribute.slice('Outputs.'.length)} of nested stack ${logicalId} is not known statically` };
    }
    if (pieces === undefined) return [{ kind: 'resource', logicalId, resourceType: type, attribute }];
    return pieces.flatMap((piece) => this.parts(piece, logicalId, resource));
  }

  private parts(piece: ShapePiece, logicalId: string, resource: Resource): StringPart[] {
    if (typeof piece === 'string') return [piece];
    if ('pseudo' in piece) return [{ kind: 'pseudo', name: piece.pseudo }];
    if ('iamPath' in piece) return this.iamPath(logicalId, resource);
    if ('functionArnOf' in piece) return this.functionArn(logicalId, resource, piece.functionArnOf);
    const part: ResourceRef = { kind: 'resource', logicalId, resourceType: resource.type, attribute: piece.self };
    const named = piece.nameProperty === undefined ? undefined : valueAtPath(resource.properties, piece.nameProperty);
    if (typeof named === 'string') {
      const prefix = piece.stripPrefix;
      part.knownValue = prefix !== undefined && named.startsWith(prefix) ? named.slice(prefix.length) : named;
    }
    return [part];
  }

  /**
   * The ARN of the function a version or alias belongs to, from its `FunctionName` (a name, an
   * ARN, or a reference to the template's function). A value that is none of these stays a part
   * standing for this resource's own function, so the ARN still has a function's shape.
   */
  private functionArn(logicalId: string, resource: Resource, property: string): StringPart[] {
    const prefix: StringPart[] = ['arn:', { kind: 'pseudo', name: 'AWS::Partition' }, ':lambda:', { kind: 'pseudo', name: 'AWS::Region' }, ':', { kind: 'pseudo', name: 'AWS::AccountId' }, ':function:'];
    const own: StringPart[] = [...prefix, { kind: 'resource', logicalId, resourceType: resource.type, attribute: property }];
    const raw = resource.properties[property];
    if (raw === undefined) return own;
    const value = this.evaluation.evaluate(raw, formatPointer(['Resources', logicalId, 'Properties', property]), this.templateScope);
    const parts = value.kind === 'scalar' && typeof value.value === 'string' ? [value.value] : value.kind === 'symbolic' ? value.parts : undefined;
    if (parts === undefined) return own;
    const [first] = parts;
    if (typeof first === 'string' && first.startsWith('arn:')) return parts;
    if (parts.length === 1 && typeof first === 'object' && first.kind === 'resource' && first.attribute === 'Ref' && isFunctionType(first.resourceType)) {
      const arn = this.node(first.logicalId, 'Arn', formatPointer(['Resources', first.logicalId]));
      return arn.kind === 'symbolic' ? arn.parts : arn.kind === 'scalar' ? [String(arn.value)] : own;
    }
    // A bare name; a partial ARN (`123456789012:function:name`) is left as this resource's function.
    return parts.some((part) => typeof part === 'string' && part.includes(':')) ? own : [...prefix, ...parts];
  }

  /** `Path: /team/` puts `team/` between `role/` and the name; no path (or `/`) puts nothing. */
  private iamPath(logicalId: string, resource: Resource): StringPart[] {
    const raw = resource.properties.Path;
    if (raw === undefined) return [];
    const path = this.evaluation.evaluate(raw, formatPointer(['Resources', logicalId, 'Properties', 'Path']), this.templateScope);
    if (path.kind === 'absent') return [];
    if (path.kind === 'scalar' && typeof path.value === 'string') return [path.value.replace(/^\//, '')];
    if (path.kind === 'symbolic') {
      const [first, ...rest] = path.parts;
      return typeof first === 'string' ? [first.replace(/^\//, ''), ...rest] : path.parts;
    }
    return [{ kind: 'unknown', reason: `the Path of ${logicalId} is not known statically` }];
  }
}

function isFunctionType(resourceType: string): boolean {
  return resourceType === 'AWS::Lambda::Function' || resourceType === 'AWS::Serverless::Function';
}
