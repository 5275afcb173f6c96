import { Type } from 'typebox';
/** The query string of a route that takes none: a parameter sent anyway is a 400 naming it, not silently ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });
