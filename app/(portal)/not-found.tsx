import { NotFoundMessage } from "@/components/portal/not-found-message";

export const metadata = { title: "Not found" };

/** A 404 inside the portal (an application, connection or provider page you cannot see) keeps the header, so the way back is there too. */
export default function PortalNotFound() {
  return <NotFoundMessage />;
}
