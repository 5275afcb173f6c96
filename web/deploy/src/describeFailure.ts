export { describeFailure, describeFormProblem, describeProblem } from '@clove/web-kit/describeFailure';
