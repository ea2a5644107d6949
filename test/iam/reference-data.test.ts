/**
 * Reads the whole reference once: every service must load, every action must resolve its resource
 * types, and every ARN format must have the six ARN segments the matcher relies on.
 */
import { allServices, loadedServices } from '../../src/iam';
import { formatTokens } from '../../src/iam/arn-tokens';
import { servicePrefixes } from '../../src/iam/services';

describe('the whole IAM reference', () => {
  const services = allServices();

  it('loads every service the reference lists, sorted by prefix', () => {
    expect(services.length).toBe(servicePrefixes().size);
    expect(services.length).toBeGreaterThan(400);
    const prefixes = services.map((service) => service.prefix);
    expect(prefixes).toEqual([...prefixes].sort());
    expect(loadedServices()).toEqual(prefixes);
  });

  it('gives every action at least one access level and consistent acceptsOnlyStar', () => {
    for (const action of services.flatMap((service) => service.actions)) {
      expect(action.accessLevels.size).toBeGreaterThan(0);
      expect(action.acceptsOnlyStar).toBe(action.resourceTypes.length === 0);
    }
  });

  it('has both kinds of action: resource-scoped and "*"-only', () => {
    const actions = services.flatMap((service) => service.actions);
    const onlyStar = actions.filter((action) => action.acceptsOnlyStar).length;
    expect(onlyStar).toBeGreaterThan(1000);
    expect(actions.length - onlyStar).toBeGreaterThan(10000);
  });

  it('writes every ARN format with at least five colons and reads every brace as part of a variable', () => {
    for (const format of services.flatMap((service) => service.resourceTypes.flatMap((type) => type.arnFormats))) {
      expect(format.split(':').length).toBeGreaterThanOrEqual(6);
      const literalBraces = formatTokens(format).filter((token) => token.kind === 'char' && /[{}$]/.test(token.char));
      expect({ format, literalBraces }).toEqual({ format, literalBraces: [] });
    }
  });
});
