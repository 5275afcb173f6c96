export * from '@clove/web-kit/problem';
