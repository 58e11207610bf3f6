import type { FastifyInstance } from "fastify";

/**
 * Makes `scope` (a plugin scope of its own) take any content type as raw bytes up to `limit` (413
 * beyond): for routes whose body is a file. Other routes keep parsing JSON.
 */
export function acceptRawBodies(scope: FastifyInstance, limit: number): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: limit }, (_request, body, done) =>
    done(null, body),
  );
}
