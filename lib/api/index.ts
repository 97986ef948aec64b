// Wraps a /api/v1 route handler: authenticates the API key, hands the handler
// its application, and turns whatever it throws into the error envelope.
import "server-only";
import type { NextRequest } from "next/server";
import { authenticateApiKey, type ApiCaller } from "../api-keys";
import { errorResponse } from "./envelope";

type RouteContext<Params> = { params: Promise<Params> };
type Handler<Params> = (request: NextRequest, caller: ApiCaller & { params: Params }) => Promise<Response>;

/** A /api/v1 handler with the error envelope but no authentication of its own (the handler does it). */
export function apiHandler<Params>(handler: (request: NextRequest, params: Params) => Promise<Response>) {
  return async (request: NextRequest, context: RouteContext<Params>): Promise<Response> => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

export function apiRoute<Params = Record<string, never>>(handler: Handler<Params>) {
  return apiHandler<Params>(async (request, params) => {
    const caller = await authenticateApiKey(request.headers.get("authorization"));
    return handler(request, { ...caller, params });
  });
}

export { readBody, readJson } from "./body";
