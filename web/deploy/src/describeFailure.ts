export { describeFailure } from '@clove/web-kit/describeFailure';
