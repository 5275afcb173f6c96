export * from '@clove/web-kit/format';
