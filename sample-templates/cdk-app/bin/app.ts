import { App, Aspects, AspectPriority, Validations } from 'aws-cdk-lib';
import { IamGateAspect, IamGateValidator } from 'iamgate/cdk';
import { OrdersStack } from '../lib/orders-stack';

const app = new App();
new OrdersStack(app, 'OrdersStack');

// Either way works; `cdk synth -c iamgate=validator` picks the validation plugin.
if (app.node.tryGetContext('iamgate') === 'validator') {
  // CDK's policy-validation report; synthesis fails on errors.
  Validations.of(app).addPlugins(new IamGateValidator());
} else {
  // Annotations on each construct; `cdk synth` exits 1 on errors.
  Aspects.of(app).add(new IamGateAspect(), { priority: AspectPriority.READONLY });
}
