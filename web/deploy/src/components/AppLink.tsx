export { AppLink } from '@clove/web-kit/AppLink';
