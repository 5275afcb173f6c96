export * from '@clove/web-kit/session';
