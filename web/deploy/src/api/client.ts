export { request, type RequestOptions } from '@clove/web-kit/client';
export { ApiError, statusOf, type Problem } from '@clove/web-kit/problem';
