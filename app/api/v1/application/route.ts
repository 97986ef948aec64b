import { apiRoute } from "@/lib/api";

/** The application this API key belongs to: a way for a backend to check its key. */
export const GET = apiRoute(async (_request, { application }) =>
  Response.json({ id: application.id, name: application.name, createdAt: application.createdAt }),
);
