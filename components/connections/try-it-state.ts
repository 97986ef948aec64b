// What "Get token" and "Try a request" hear back from their server actions. Kept apart so the
// client components and the actions share one shape.

export type TokenState =
  | { status: "idle" | "error"; message?: string }
  | { status: "success"; token: { accessToken: string; tokenType: string; expiresAt: string | null; scopes: string[] } };

export type RequestState =
  | { status: "idle" | "error"; message?: string }
  | { status: "success"; response: { path: string; status: number; statusText: string; contentType: string; body: string; truncated: boolean } };
