export { describeFailure, describeProblem } from '@clove/web-kit/describeFailure';
