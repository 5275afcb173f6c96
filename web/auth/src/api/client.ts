export { request, type RequestOptions } from '@clove/web-kit/client';
