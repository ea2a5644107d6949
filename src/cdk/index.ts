/**
 * iamgate for AWS CDK (`iamgate/cdk`): the only part of iamgate that imports `aws-cdk-lib`.
 *
 *   Aspects.of(app).add(new IamGateAspect());                 // annotations; `cdk synth` fails on errors
 *   Validations.of(app).addPlugins(new IamGateValidator());   // CDK's policy-validation report
 *   acknowledge(construct, 'action-wildcard', 'Reviewed in SEC-123: ...', { appliesTo, expires });
 */
export { IamGateAspect } from './aspect';
export { IamGateValidator } from './validator';
export { acknowledge, AcknowledgementError, type AcknowledgeOptions } from './acknowledge';
export { IamGateOptionsError, type IamGateOptions, type RuleOption } from './options';
