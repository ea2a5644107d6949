/**
 * What extraction of one template works with: the template, its resolver, the injected IAM
 * knowledge, and what has been extracted so far. `ResourceContext` is the view of one resource
 * that the table walker and the special-case extractors use.
 */
import type { JsonPointer, LoadedTemplate, TemplateValue } from '../template/types';
import type { Assumption, ResolvedNode, ResolvedString, TemplateResolver } from '../resolve/types';
import type {
  ExtractError,
  ManagedPolicyRef,
  Policy,
  PolicyKind,
  PolicyProblem,
  PrincipalEntity,
  PrincipalTarget,
  ProtectedResource,
  Statement,
} from './types';
import { toResolvedString } from '../resolve';
import { ExtractFailure } from './errors';
import { pointerOf, valueAtPointer } from './pointers';
import { addedAssumptions, alternatives, type DecidedNode } from './variants';

export interface AwsManagedPolicy {
  name: string;
  arn: string;
  document: TemplateValue;
}

/** Knowledge injected into extraction, so that the stage stays pure and testable. */
export interface ExtractOptions {
  /** The AWS-managed policy a name (`AmazonS3FullAccess`) or ARN names, if it is one. */
  awsManagedPolicy(nameOrArn: ResolvedString): AwsManagedPolicy | undefined;
}

/** A place in a resource's properties reached by a table path, in one branch. */
export interface Site {
  node: DecidedNode;
  /** Every assumption that selects this branch, the resource's own `Condition` included. */
  when: Assumption[];
  propertyPath: (string | number)[];
  /** The list element the path went through (`Policies[*]`): names are read relative to it. */
  element?: Site;
}

export interface PolicyDraft {
  kind: PolicyKind;
  name?: ResolvedString;
  propertyPath: (string | number)[];
  pointer: JsonPointer;
  when: Assumption[];
  attachedTo?: PrincipalTarget[];
  resources?: ProtectedResource[];
  managed?: ManagedPolicyRef;
  statements: Statement[];
  problems: PolicyProblem[];
  /** Tells apart policies that come from the same property (SAM's implicit ones). */
  discriminator?: string;
}

/** Everything extracted from one template so far, shared by its resources. */
export class TemplateScope {
  readonly policies: Policy[] = [];
  readonly principals: PrincipalEntity[] = [];
  readonly errors: ExtractError[] = [];
  /** `AWS::IAM::UserToGroupAddition` memberships, applied to users once all are known. */
  readonly memberships: { group: PrincipalTarget; users: PrincipalTarget[] }[] = [];
  private readonly ids = new Set<string>();

  constructor(
    readonly template: LoadedTemplate,
    readonly resolver: TemplateResolver,
    readonly options: ExtractOptions,
    /** Execution roles SAM generates (`<FunctionId>Role`): they exist only after the transform. */
    readonly samRoles: ReadonlySet<string>,
  ) {}

  uniqueId(id: string): string {
    let unique = id;
    for (let n = 2; this.ids.has(unique); n++) unique = `${id}#${n}`;
    this.ids.add(unique);
    return unique;
  }
}

interface Segment {
  key: string;
  each: boolean;
}

/** A map as written, not an intrinsic function call. */
function isPlainMap(value: TemplateValue | undefined): value is { [key: string]: TemplateValue } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return !(keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')));
}

/** `Policies[*].PolicyDocument` → Policies (every element), then PolicyDocument. */
function parsePath(path: string): Segment[] {
  return path.split('.').map((part) => (part.endsWith('[*]') ? { key: part.slice(0, -3), each: true } : { key: part, each: false }));
}

/** The CDK construct path of a resource: its `aws:cdk:path` metadata, else the cloud assembly's. */
export function constructPathOf(template: LoadedTemplate, logicalId: string): string | undefined {
  const metadata = valueAtPointer(template.body, pointerOf('/Resources', logicalId, 'Metadata', 'aws:cdk:path'));
  if (typeof metadata === 'string') return metadata;
  return template.constructPaths?.get(logicalId);
}

export class ResourceContext {
  constructor(
    readonly scope: TemplateScope,
    readonly logicalId: string,
    readonly resourceType: string,
    /** Assumptions under which the resource exists (its `Condition`). */
    readonly when: Assumption[],
  ) {}

  get pointer(): JsonPointer {
    return pointerOf('/Resources', this.logicalId);
  }

  get propertiesPointer(): JsonPointer {
    return pointerOf(this.pointer, 'Properties');
  }

  get resolver(): TemplateResolver {
    return this.scope.resolver;
  }

  get constructPath(): string | undefined {
    return constructPathOf(this.scope.template, this.logicalId);
  }

  /** The template value as written at `pointer` (before resolution). */
  raw(pointer: JsonPointer): TemplateValue | undefined {
    return valueAtPointer(this.scope.template.body, pointer);
  }

  /**
   * Every place a table path reaches, one per branch and list element. The path starts below
   * `Properties`, below `from` when given (a list element), or below another root such as
   * `/Globals/Function`. Absent values (`AWS::NoValue`, missing keys) reach nothing.
   */
  walk(path: string, from?: Site | JsonPointer): Site[] {
    const segments = parsePath(path);
    if (typeof from === 'object') return this.descend([from], segments);
    const root = from ?? this.propertiesPointer;
    const depth = this.plainDepth(root, segments);
    const keys = segments.slice(0, depth).map((s) => s.key);
    const node = this.resolver.resolveAt(pointerOf(root, ...keys));
    return this.descend(this.reach(node, this.when, ['Properties', ...keys], segments[depth - 1].each), segments.slice(depth));
  }

  /**
   * How many leading segments name plain keys as written, so that one `resolveAt` evaluates
   * only the subtree the path leads to (an OpenAPI body is not resolved to find its policy).
   */
  private plainDepth(root: JsonPointer, segments: readonly Segment[]): number {
    let depth = 1;
    let raw = this.raw(pointerOf(root, segments[0].key));
    while (depth < segments.length && !segments[depth - 1].each) {
      const key = segments[depth].key;
      if (!isPlainMap(raw) || !Object.prototype.hasOwnProperty.call(raw, key)) break;
      raw = raw[key];
      depth++;
    }
    return depth;
  }


  private descend(start: Site[], segments: readonly Segment[]): Site[] {
    let sites = start;
    for (const segment of segments) {
      sites = sites.flatMap((site) =>
        this.reach(this.child(site, segment.key), site.when, [...site.propertyPath, segment.key], segment.each, site.element),
      );
    }
    return sites;
  }

  /** The branches of one value, or of every element of a list when the path walks it. */
  private reach(node: ResolvedNode | undefined, when: Assumption[], propertyPath: (string | number)[], each: boolean, element?: Site): Site[] {
    const sites: Site[] = [];
    for (const alt of alternatives(node, when)) {
      const value = alt.value;
      if (value === undefined) continue;
      if (!each || value.kind === 'unknown') {
        sites.push({ node: value, when: alt.when, propertyPath, element });
      } else if (value.kind === 'list') {
        value.items.forEach((item, index) => {
          for (const itemAlt of alternatives(item, alt.when)) {
            if (itemAlt.value === undefined) continue;
            const site: Site = { node: itemAlt.value, when: itemAlt.when, propertyPath: [...propertyPath, index] };
            sites.push({ ...site, element: site });
          }
        });
      } else {
        throw new ExtractFailure(`${String(propertyPath[propertyPath.length - 1])} must be a list`, value.at);
      }
    }
    return sites;
  }

  private child(site: Site, key: string): ResolvedNode | undefined {
    if (site.node.kind === 'map') return site.node.entries.get(key);
    if (site.node.kind === 'unknown') return site.node;
    throw new ExtractFailure(`expected an object with ${key}, found a ${site.node.kind}`, site.node.at);
  }

  /** A string property (a name, an ARN). Several branches with different values read as unknown. */
  readString(path: string, from?: Site): ResolvedString | undefined {
    const sites = this.walk(path, from);
    if (sites.length === 0) return undefined;
    if (sites.length > 1) return { kind: 'unknown', reason: `${path} depends on a condition` };
    return toResolvedString(sites[0].node) ?? { kind: 'unknown', reason: `${path} is not a string` };
  }

  addPolicy(draft: PolicyDraft): Policy {
    const scope = this.scope;
    const branch = addedAssumptions(draft.when, this.when)
      .map((a) => `${a.value ? '' : '!'}${a.condition}`)
      .join('&');
    const base = [scope.template.stackName, this.logicalId, ...draft.propertyPath].join('/');
    const id = scope.uniqueId(base + (draft.discriminator ? `#${draft.discriminator}` : '') + (branch ? `?${branch}` : ''));
    const constructPath = this.constructPath;
    const policy: Policy = {
      id,
      kind: draft.kind,
      ...(draft.name !== undefined ? { name: draft.name } : {}),
      source: {
        file: scope.template.file,
        stack: scope.template.stackName,
        logicalId: this.logicalId,
        resourceType: this.resourceType,
        propertyPath: draft.propertyPath,
        pointer: draft.pointer,
        ...(constructPath !== undefined ? { constructPath } : {}),
      },
      attachedTo: draft.attachedTo ?? [],
      resources: draft.resources ?? [],
      ...(draft.managed ? { managed: draft.managed } : {}),
      statements: draft.statements,
      when: draft.when,
      problems: draft.problems,
    };
    scope.policies.push(policy);
    return policy;
  }

  addPrincipal(entity: Omit<PrincipalEntity, 'stack' | 'file' | 'constructPath'>): void {
    const constructPath = this.constructPath;
    this.scope.principals.push({
      ...entity,
      stack: this.scope.template.stackName,
      file: this.scope.template.file,
      ...(constructPath !== undefined ? { constructPath } : {}),
    });
  }
}
