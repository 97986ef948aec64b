// Wraps a /api/v1 route handler: authenticates the API key, hands the handler
// its application, and turns whatever it throws into the error envelope.
import "server-only";
import type { NextRequest } from "next/server";
import { authenticateApiKey, type ApiCaller } from "../api-keys";
import { InvalidJson } from "../errors";
import { errorResponse } from "./envelope";

type RouteContext<Params> = { params: Promise<Params> };
type Handler<Params> = (request: NextRequest, caller: ApiCaller & { params: Params }) => Promise<Response>;

export function apiRoute<Params = Record<string, never>>(handler: Handler<Params>) {
  return async (request: NextRequest, context: RouteContext<Params>): Promise<Response> => {
    try {
      const caller = await authenticateApiKey(request.headers.get("authorization"));
      return await handler(request, { ...caller, params: await context.params });
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

/** The request body as JSON, or InvalidJson (400) when it is not. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new InvalidJson();
  }
}

/** The caller's address, for the audit log. */
export function clientAddress(request: Request): string | null {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || null;
}
