import { PageLoading } from "@/components/portal/page-loading";

// Here and not higher up: a loading boundary sends the page's 200 before its content, so a page under it could no longer answer 404.
export default PageLoading;
